using System.Collections;
using Hydra.Dicom.Text;

namespace Hydra.Dicom;

/// <summary>
/// A data set (PS3.5 7): elements kept in ascending tag order, as the standard requires them encoded. Used for the
/// top-level data set, sequence items, the file meta group and DIMSE command sets. Not thread-safe.
/// </summary>
public sealed partial class DicomDataset : IEnumerable<DicomElement>
{
    private readonly List<DicomElement> _elements;
    private DicomCharacterSet? _ownCharacterSet;
    private bool _ownCharacterSetKnown;

    /// <summary>Creates an empty data set.</summary>
    public DicomDataset()
    {
        _elements = [];
    }

    /// <summary>Creates a data set holding <paramref name="elements"/> (a later element replaces an earlier one with the same tag).</summary>
    public DicomDataset(params IEnumerable<DicomElement> elements)
        : this()
    {
        ArgumentNullException.ThrowIfNull(elements);
        foreach (var element in elements)
        {
            Set(element);
        }
    }

    private DicomDataset(int capacity) => _elements = new List<DicomElement>(capacity);

    /// <summary>How many elements the data set holds at this level (items of sequences not counted).</summary>
    public int Count => _elements.Count;

    /// <summary>
    /// The repertoire for text in this data set: its own Specific Character Set (0008,0005), or else the one in
    /// force where it was read (a sequence item inherits its parent's, PS3.5 7.5.3), or else the default.
    /// </summary>
    public DicomCharacterSet CharacterSet
    {
        get => OwnCharacterSet ?? InheritedCharacterSet;
    }

    /// <summary>The repertoire named by this data set's own (0008,0005), or null when it has none.</summary>
    internal DicomCharacterSet? OwnCharacterSet
    {
        get
        {
            if (!_ownCharacterSetKnown)
            {
                _ownCharacterSet = GetOwnCharacterSet();
                _ownCharacterSetKnown = true;
            }

            return _ownCharacterSet;
        }
    }

    /// <summary>The elements in tag order, for the writer.</summary>
    internal IReadOnlyList<DicomElement> Elements => _elements;

    /// <summary>The repertoire of the enclosing data set when this one was read as a sequence item.</summary>
    internal DicomCharacterSet InheritedCharacterSet { get; set; } = DicomCharacterSet.Default;

    /// <summary>True when this data set, as a sequence item, was or is to be encoded with undefined length (PS3.5 7.5.1).</summary>
    internal bool HasUndefinedLength { get; set; } = true;

    /// <summary>The element with <paramref name="tag"/>, or null.</summary>
    public DicomElement? this[DicomTag tag]
    {
        get
        {
            var index = IndexOf(tag);
            return index >= 0 ? _elements[index] : null;
        }
    }

    /// <summary>True when an element with <paramref name="tag"/> is present.</summary>
    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    /// <summary>The element with <paramref name="tag"/> if it is a <typeparamref name="TElement"/>, else null.</summary>
    public TElement? Get<TElement>(DicomTag tag)
        where TElement : DicomElement => this[tag] as TElement;

    /// <summary>Adds <paramref name="element"/>, or replaces the element with the same tag.</summary>
    public void Set(DicomElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var index = IndexOf(element.Tag);
        if (index >= 0)
        {
            _elements[index] = element;
        }
        else
        {
            _elements.Insert(~index, element);
        }

        OnChanged(element.Tag);
    }

    /// <summary>Removes the element with <paramref name="tag"/>; false when absent.</summary>
    public bool Remove(DicomTag tag)
    {
        var index = IndexOf(tag);
        if (index < 0)
        {
            return false;
        }

        _elements.RemoveAt(index);
        OnChanged(tag);
        return true;
    }

    /// <summary>Removes every element (at this level) that matches; returns how many went.</summary>
    public int RemoveAll(Predicate<DicomElement> match)
    {
        ArgumentNullException.ThrowIfNull(match);
        var removed = _elements.RemoveAll(match);
        _ownCharacterSetKnown = false;
        return removed;
    }

    /// <summary>Removes every element.</summary>
    public void Clear()
    {
        _elements.Clear();
        _ownCharacterSetKnown = false;
    }

    /// <summary>
    /// A deep copy: items and fragment lists are copied; value bytes, which are never mutated, are shared. The copy
    /// keeps the repertoire this data set inherited.
    /// </summary>
    public DicomDataset Clone()
    {
        var copy = new DicomDataset(_elements.Count)
        {
            InheritedCharacterSet = InheritedCharacterSet,
            HasUndefinedLength = HasUndefinedLength,
        };
        foreach (var element in _elements)
        {
            copy._elements.Add(element.Clone());
        }

        return copy;
    }

    /// <summary>Enumerates the elements in tag order; the data set must not change meanwhile.</summary>
    public List<DicomElement>.Enumerator GetEnumerator() => _elements.GetEnumerator();

    IEnumerator<DicomElement> IEnumerable<DicomElement>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Adds an element while reading: appends when tags ascend, as they do in valid input.</summary>
    internal void AddRead(DicomElement element)
    {
        if (_elements.Count == 0 || _elements[^1].Tag.Value < element.Tag.Value)
        {
            _elements.Add(element);
            if (element.Tag.Value == 0x00080005)
            {
                _ownCharacterSetKnown = false;
            }
        }
        else
        {
            Set(element);
        }
    }

    private int IndexOf(DicomTag tag)
    {
        var value = tag.Value;
        int low = 0, high = _elements.Count - 1;
        while (low <= high)
        {
            var mid = low + ((high - low) >> 1);
            var current = _elements[mid].Tag.Value;
            if (current == value)
            {
                return mid;
            }

            if (current < value)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return ~low;
    }

    private void OnChanged(DicomTag tag)
    {
        if (tag.Value == 0x00080005)
        {
            _ownCharacterSetKnown = false;
        }
    }

    // A (0008,0005) that arrived as UN (explicit VR from a toolkit that did not know it) still names the repertoire.
    private DicomCharacterSet? GetOwnCharacterSet() =>
        this[new DicomTag(0x0008, 0x0005)] is DicomValueElement element
            ? DicomCharacterSet.FromSpecificCharacterSet(
                element.VR.IsText() ? element.GetString() : System.Text.Encoding.Latin1.GetString(element.Value.Span))
            : null;
}

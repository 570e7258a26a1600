using System.Text;

namespace Hydra.Dicom.Deidentification;

/// <summary>
/// Applies the resolved actions to data sets at every depth: each element of each item of each sequence goes through
/// <see cref="ActionResolver"/>, private elements through the safe-private rule. Unchanged items and elements are
/// returned as they are (the caller can tell a change by reference), so a large image costs only its header.
/// </summary>
internal sealed class DatasetWalker
{
    private readonly ActionResolver _resolver;
    private readonly UidMapper _uids;
    private readonly ActionCounter _counter;
    private readonly bool _retainSafePrivate;
    private readonly int? _dateOffsetDays;

    public DatasetWalker(ActionResolver resolver, UidMapper uids, ActionCounter counter, bool retainSafePrivate, int? dateOffsetDays)
    {
        _resolver = resolver;
        _uids = uids;
        _counter = counter;
        _retainSafePrivate = retainSafePrivate;
        _dateOffsetDays = dateOffsetDays;
    }

    /// <summary>The private tags of <paramref name="dataset"/> that the Retain Safe Private Option keeps, with their creators.</summary>
    public HashSet<uint> KeptPrivateTags(DicomDataset dataset)
    {
        var kept = new HashSet<uint>();
        if (!_retainSafePrivate)
        {
            return kept;
        }

        foreach (var element in dataset)
        {
            if (element.Tag.PrivateCreatorTag is { } creatorTag && dataset.GetPrivateCreator(element.Tag) is { } creator
                && SafePrivateAttributes.Contains(creator, element.Tag))
            {
                kept.Add(element.Tag.Value);
                kept.Add(creatorTag.Value);
            }
        }

        return kept;
    }

    /// <summary>The element after de-identification: the same instance when unchanged, null when removed.</summary>
    public DicomElement? Process(DicomElement element, FreeTextMode mode, HashSet<uint> keptPrivateTags)
    {
        if (element.Tag.IsGroupLength)
        {
            // Group lengths (retired, PS3.5 7.2) are dropped: the writer recomputes any that it writes.
            return null;
        }

        if (element.Tag.IsPrivate)
        {
            if (keptPrivateTags.Contains(element.Tag.Value))
            {
                _counter.PrivateKept++;
                return element;
            }

            _counter.PrivateRemoved++;
            return null;
        }

        return Apply(_resolver.Resolve(element, mode), element, mode);
    }

    private DicomElement? Apply(ElementAction action, DicomElement element, FreeTextMode mode)
    {
        switch (action)
        {
            case ElementAction.Remove:
                _counter.Removed++;
                return null;
            case ElementAction.Empty:
                _counter.Emptied++;
                return element is DicomSequence ? new DicomSequence(element.Tag) : Value(element, ReadOnlyMemory<byte>.Empty);
            case ElementAction.Dummy when element is DicomSequence sequence:
                return ProcessSequence(sequence, FreeTextMode.Strict);
            case ElementAction.Dummy when element.VR == DicomVR.UI && element is DicomValueElement uid:
                return _uids.MapElement(uid);
            case ElementAction.Dummy:
                _counter.Dummied++;
                return Value(element, DummyValues.For(element.VR));
            case ElementAction.Clean when element is DicomSequence sequence:
                return ProcessSequence(sequence, FreeTextMode.Clean);
            case ElementAction.Clean when element is DicomValueElement value:
                return Clean(value);
            case ElementAction.ReplaceUid when element is DicomValueElement value:
                return _uids.MapElement(value);
            case ElementAction.Keep or ElementAction.ReplaceUid or ElementAction.Clean when element is DicomSequence sequence:
                return ProcessSequence(sequence, mode);
            default:
                return element;
        }
    }

    private DicomSequence ProcessSequence(DicomSequence sequence, FreeTextMode mode)
    {
        List<DicomDataset>? items = null;
        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var item = sequence.Items[i];
            var processed = ProcessItem(item, mode);
            if (items is null && !ReferenceEquals(processed, item))
            {
                items = [.. sequence.Items.Take(i)];
            }

            items?.Add(processed);
        }

        return items is null ? sequence : new DicomSequence(sequence.Tag, items) { HasUndefinedLength = sequence.HasUndefinedLength };
    }

    private DicomDataset ProcessItem(DicomDataset item, FreeTextMode mode)
    {
        var keptPrivate = KeptPrivateTags(item);
        DicomDataset? output = null;
        var elements = item.Elements;
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            var processed = Process(element, mode, keptPrivate);
            if (output is null && !ReferenceEquals(processed, element))
            {
                output = new DicomDataset { InheritedCharacterSet = item.InheritedCharacterSet, HasUndefinedLength = item.HasUndefinedLength };
                for (var j = 0; j < i; j++)
                {
                    output.AddRead(elements[j]);
                }
            }

            if (output is not null && processed is not null)
            {
                output.AddRead(processed);
            }
        }

        return output ?? item;
    }

    private DicomElement? Clean(DicomValueElement element)
    {
        switch (element.VR)
        {
            case DicomVR.DA or DicomVR.DT:
                return ShiftDate(element);
            case DicomVR.UI:
                return _uids.MapElement(element);
            case DicomVR.PN:
                _counter.Dummied++;
                return Value(element, DummyValues.For(element.VR));
            case DicomVR.AE or DicomVR.CS or DicomVR.LO or DicomVR.LT or DicomVR.SH or DicomVR.ST or DicomVR.UC or DicomVR.UR
                or DicomVR.UT:
                return CleanText(element);
            case DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.UN:
                // Overlay bitmaps and curves cannot be checked for burned-in text, so "cleaning" them removes them.
                return Fallback(element);
            default:
                // TM (times are kept when dates shift), AS and numbers hold no free text.
                return element;
        }
    }

    private DicomElement? ShiftDate(DicomValueElement element)
    {
        var text = Encoding.ASCII.GetString(element.Value.Span).TrimEnd(' ', '\0');
        if (text.Length == 0)
        {
            return element;
        }

        var shifted = string.Empty;
        var ok = _dateOffsetDays is { } days && (element.VR == DicomVR.DA
            ? DateShifter.TryShiftDates(text, days, out shifted)
            : DateShifter.TryShiftDateTimes(text, days, out shifted));
        if (!ok)
        {
            // A date that does not parse cannot be shifted, and is not kept either.
            return Fallback(element);
        }

        _counter.DatesShifted++;
        return Value(element, Encoding.ASCII.GetBytes(shifted));
    }

    private DicomElement? CleanText(DicomValueElement element)
    {
        var text = element.GetString();
        var cleaned = DescriptorCleaner.Clean(text, element.VR.IsMultiValuedText());
        if (string.Equals(cleaned, text.Trim(), StringComparison.Ordinal))
        {
            return element;
        }

        if (cleaned.Length == 0)
        {
            return Fallback(element);
        }

        // Cleaned text is ASCII letters, digits, '.', ' ' and '\', which every DICOM repertoire encodes the same.
        _counter.Cleaned++;
        return Value(element, Encoding.ASCII.GetBytes(cleaned));
    }

    private DicomElement? Fallback(DicomValueElement element)
    {
        switch (IodAttributeTypes.Of(element.Tag))
        {
            case AttributeRequirement.Type1:
                _counter.Dummied++;
                return Value(element, DummyValues.For(element.VR));
            case AttributeRequirement.Type2:
                _counter.Emptied++;
                return Value(element, ReadOnlyMemory<byte>.Empty);
            default:
                _counter.Removed++;
                return null;
        }
    }

    private static DicomValueElement Value(DicomElement element, ReadOnlyMemory<byte> value) =>
        new(element.Tag, element.VR, value, (element as DicomValueElement)?.CharacterSet);
}

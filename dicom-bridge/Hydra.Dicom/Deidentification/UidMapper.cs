using System.Text;

namespace Hydra.Dicom.Deidentification;

/// <summary>Maps the UID values of one image through <see cref="KeyedMapping"/>, each distinct value once.</summary>
internal sealed class UidMapper
{
    private readonly KeyedMapping _mapping;
    private readonly ActionCounter _counter;
    private readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);

    public UidMapper(KeyedMapping mapping, ActionCounter counter)
    {
        _mapping = mapping;
        _counter = counter;
    }

    /// <summary>The replacement of one UID; well-known UIDs (under the DICOM root) and empty values stay.</summary>
    public string Map(string uid)
    {
        var trimmed = uid.Trim(' ', '\0');
        if (trimmed.Length == 0 || UidRules.IsWellKnownValue(trimmed))
        {
            return trimmed;
        }

        if (!_cache.TryGetValue(trimmed, out var mapped))
        {
            mapped = _mapping.MapUid(trimmed);
            _cache.Add(trimmed, mapped);
        }

        _counter.UidsReplaced++;
        return mapped;
    }

    /// <summary>
    /// The element with every value mapped (backslash-separated, as UI allows VM &gt; 1); the same instance when no
    /// value changed.
    /// </summary>
    public DicomValueElement MapElement(DicomValueElement element)
    {
        var text = Encoding.ASCII.GetString(element.Value.Span).TrimEnd(' ', '\0');
        var values = text.Split('\\');
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Map(values[i]);
        }

        var mapped = string.Join('\\', values);
        return string.Equals(mapped, text, StringComparison.Ordinal)
            ? element
            : new DicomValueElement(element.Tag, element.VR, Encoding.ASCII.GetBytes(mapped), element.CharacterSet);
    }
}

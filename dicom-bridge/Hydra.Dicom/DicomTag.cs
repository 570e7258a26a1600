using System.Globalization;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom;

/// <summary>A data element tag (PS3.5 7.1): group and element numbers, ordered as the 32-bit value (gggg,eeee).</summary>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    /// <summary>Creates a tag from its 32-bit value 0xGGGGEEEE.</summary>
    public DicomTag(uint value)
        : this((ushort)(value >> 16), (ushort)value)
    {
    }

    /// <summary>(FFFE,E000) Item (PS3.5 7.5).</summary>
    public static DicomTag Item => new(0xFFFE, 0xE000);

    /// <summary>(FFFE,E00D) Item Delimitation Item.</summary>
    public static DicomTag ItemDelimitation => new(0xFFFE, 0xE00D);

    /// <summary>(FFFE,E0DD) Sequence Delimitation Item.</summary>
    public static DicomTag SequenceDelimitation => new(0xFFFE, 0xE0DD);

    /// <summary>The 32-bit value 0xGGGGEEEE, which orders tags as PS3.5 7.1 requires.</summary>
    public uint Value => ((uint)Group << 16) | Element;

    /// <summary>
    /// True for private data elements and private creators: odd groups except 0001, 0003, 0005, 0007 and FFFF
    /// (PS3.5 7.8.1).
    /// </summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 0x0007 && Group != 0xFFFF;

    /// <summary>True for a private creator element (gggg,0010-00FF) that reserves the block (gggg,xx00-xxFF) (PS3.5 7.8.1).</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x0010 and <= 0x00FF;

    /// <summary>True for a group length element (gggg,0000) (PS3.5 7.2).</summary>
    public bool IsGroupLength => Element == 0x0000;

    /// <summary>
    /// For a private data element (gggg,xxee) with xx in 10-FF, the creator tag (gggg,00xx) that reserves its block;
    /// null for other tags.
    /// </summary>
    public DicomTag? PrivateCreatorTag =>
        IsPrivate && Element >= 0x1000 ? new DicomTag(Group, (ushort)(Element >> 8)) : null;

    /// <summary>The keyword from the PS3.6 dictionary (e.g. "PatientName"), or null for private and unknown tags.</summary>
    public string? Keyword => DicomDictionary.Find(this)?.Keyword;

    /// <summary>Parses "(gggg,eeee)", "gggg,eeee" or "ggggeeee" (hexadecimal).</summary>
    public static DicomTag Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var tag) ? tag : throw new FormatException($"'{text}' is not a DICOM tag such as (0010,0010).");
    }

    /// <summary>Parses "(gggg,eeee)", "gggg,eeee" or "ggggeeee" (hexadecimal); false when the text is not a tag.</summary>
    public static bool TryParse(string? text, out DicomTag tag)
    {
        tag = default;
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span.Length == 11 && span[0] == '(' && span[10] == ')')
        {
            span = span[1..10];
        }

        if (span.Length == 9 && span[4] == ',')
        {
            return TryParseHalves(span[..4], span[5..], out tag);
        }

        return span.Length == 8 && TryParseHalves(span[..4], span[4..], out tag);
    }

    /// <inheritdoc />
    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    /// <summary>"(gggg,eeee)" in upper-case hexadecimal.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Group:X4},{Element:X4})");

    /// <summary>"(gggg,eeee) Keyword" when the dictionary knows the tag, for diagnostics.</summary>
    public string ToDisplayString() => Keyword is { } keyword ? $"{this} {keyword}" : ToString();

    public static bool operator <(DicomTag left, DicomTag right) => left.Value < right.Value;

    public static bool operator >(DicomTag left, DicomTag right) => left.Value > right.Value;

    public static bool operator <=(DicomTag left, DicomTag right) => left.Value <= right.Value;

    public static bool operator >=(DicomTag left, DicomTag right) => left.Value >= right.Value;

    private static bool TryParseHalves(ReadOnlySpan<char> group, ReadOnlySpan<char> element, out DicomTag tag)
    {
        tag = default;
        if (!ushort.TryParse(group, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var g)
            || !ushort.TryParse(element, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var e))
        {
            return false;
        }

        tag = new DicomTag(g, e);
        return true;
    }
}

using System.Globalization;

namespace Hydra.Dicom.Dictionary;

/// <summary>
/// The PS3.6 data dictionary (generated from the standard, see <c>Generated/</c>), the PS3.7 command elements, group
/// lengths (PS3.5 7.2) and private creators (PS3.5 7.8.1): VRs for implicit VR decoding and keywords for diagnostics.
/// </summary>
public static partial class DicomDictionary
{
    private static readonly DicomDictionaryEntry GroupLength =
        new(new DicomTag(0, 0), 0x0000FFFF, "GroupLength", DicomVR.UL, [DicomVR.UL], "1", false);

    private static readonly DicomDictionaryEntry PrivateCreator =
        new(new DicomTag(0x0001, 0x0010), 0x0001FF00, "PrivateCreator", DicomVR.LO, [DicomVR.LO], "1", false);

    private static readonly Lazy<Index> Tables = new(BuildIndex);

    /// <summary>Every entry of the generated PS3.6 table and the command group, in tag order.</summary>
    public static IReadOnlyList<DicomDictionaryEntry> Entries => Tables.Value.All;

    /// <summary>
    /// The entry for <paramref name="tag"/>: an exact PS3.6 or PS3.7 entry, a repeating-group pattern, a group length
    /// or a private creator; null for private data elements and unknown tags.
    /// </summary>
    public static DicomDictionaryEntry? Find(DicomTag tag)
    {
        var index = Tables.Value;
        if (index.ByTag.TryGetValue(tag.Value, out var entry))
        {
            return entry;
        }

        if (tag.IsGroupLength)
        {
            return GroupLength;
        }

        if (tag.IsPrivate)
        {
            return tag.IsPrivateCreator ? PrivateCreator : null;
        }

        foreach (var pattern in index.Patterns)
        {
            if (pattern.Matches(tag))
            {
                return pattern;
            }
        }

        return null;
    }

    /// <summary>The entry with <paramref name="keyword"/> (case-sensitive, as in PS3.6), or null.</summary>
    public static DicomDictionaryEntry? FindByKeyword(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        return Tables.Value.ByKeyword.GetValueOrDefault(keyword);
    }

    /// <summary>The VR used to decode <paramref name="tag"/> in implicit VR: the first listed VR, or UN when unknown.</summary>
    public static DicomVR GetVR(DicomTag tag) => Find(tag) is { VR: not DicomVR.None } entry ? entry.VR : DicomVR.UN;

    private static Index BuildIndex()
    {
        var all = new List<DicomDictionaryEntry>(TableEntryCount + CommandElements.Entries.Count);
        all.AddRange(CommandElements.Entries);
        foreach (var line in Table.AsSpan().EnumerateLines())
        {
            if (!line.IsWhiteSpace())
            {
                all.Add(ParseLine(line.Trim().ToString()));
            }
        }

        var byTag = new Dictionary<uint, DicomDictionaryEntry>(all.Count);
        var byKeyword = new Dictionary<string, DicomDictionaryEntry>(all.Count, StringComparer.Ordinal);
        var patterns = new List<DicomDictionaryEntry>();
        foreach (var entry in all)
        {
            if (entry.IsPattern)
            {
                patterns.Add(entry);
            }
            else
            {
                byTag[entry.Tag.Value] = entry;
            }

            if (entry.Keyword.Length > 0)
            {
                byKeyword[entry.Keyword] = entry;
            }
        }

        return new Index(all, byTag, byKeyword, patterns.ToArray());
    }

    private static DicomDictionaryEntry ParseLine(string line)
    {
        var fields = line.Split('|');
        var tagText = fields[0];
        var value = uint.Parse(tagText.Replace('X', '0'), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var mask = uint.MaxValue;
        for (var i = 0; i < 8; i++)
        {
            if (tagText[i] == 'X')
            {
                mask &= ~(0xFu << (28 - (4 * i)));
            }
        }

        var vrs = fields[1].Length == 0
            ? []
            : fields[1].Split('/').Select(code => (DicomVR)((code[0] << 8) | code[1])).ToArray();
        return new DicomDictionaryEntry(new DicomTag(value), mask, fields[3], vrs.Length > 0 ? vrs[0] : DicomVR.None, vrs,
            fields[2], fields[4] == "R");
    }

    private sealed record Index(
        IReadOnlyList<DicomDictionaryEntry> All,
        Dictionary<uint, DicomDictionaryEntry> ByTag,
        Dictionary<string, DicomDictionaryEntry> ByKeyword,
        DicomDictionaryEntry[] Patterns);
}

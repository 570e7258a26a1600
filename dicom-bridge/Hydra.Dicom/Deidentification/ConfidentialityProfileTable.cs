namespace Hydra.Dicom.Deidentification;

/// <summary>
/// PS3.15 Table E.1-1 (generated into <c>Generated/</c>) with lookup: an exact tag first, then the pattern rows.
/// Private tags match the odd-group row only; the de-identifier handles them before asking.
/// </summary>
internal static partial class ConfidentialityProfileTable
{
    private static readonly ConfidentialityProfileRow[] AllRows = CreateRows();
    private static readonly Dictionary<uint, ConfidentialityProfileRow> ByTag =
        AllRows.Where(row => !row.IsPattern).ToDictionary(row => row.Value);
    private static readonly ConfidentialityProfileRow[] Patterns = [.. AllRows.Where(row => row.IsPattern)];

    /// <summary>Every row, in tag order.</summary>
    public static IReadOnlyList<ConfidentialityProfileRow> Rows => AllRows;

    /// <summary>The row for <paramref name="tag"/>, or null when the table does not list it.</summary>
    public static ConfidentialityProfileRow? Find(DicomTag tag)
    {
        if (ByTag.TryGetValue(tag.Value, out var row))
        {
            return row;
        }

        foreach (var pattern in Patterns)
        {
            if (pattern.Matches(tag))
            {
                return pattern;
            }
        }

        return null;
    }
}

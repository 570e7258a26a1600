using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hydra.Dicom.Generator;

/// <summary>
/// Emits PS3.15 Table E.1-1 from confidentiality_profile_attributes.json as one C# row per table row
/// (<c>ConfidentialityProfileTable.g.cs</c>): tag value and mask (pattern rows such as (50xx,xxxx) and the odd-group
/// private row become masks), the basic profile action, one character per option column, and the name.
/// </summary>
public sealed class ConfidentialityProfileEmitter : ITableEmitter
{
    private const string PrivateRowTag = "(GGGG,EEEE) WHERE GGGG IS ODD";

    private static readonly Dictionary<string, string> BasicActions = new(StringComparer.Ordinal)
    {
        ["D"] = "D", ["Z"] = "Z", ["X"] = "X", ["K"] = "K", ["C"] = "C", ["U"] = "U",
        ["Z/D"] = "ZD", ["X/Z"] = "XZ", ["X/D"] = "XD", ["X/Z/D"] = "XZD", ["X/Z/U*"] = "XZU",
    };

    public IReadOnlyList<GeneratedFile> Emit(string inputPath, string command)
    {
        var records = JsonSerializer.Deserialize<List<ConfidentialityProfileRecord>>(File.ReadAllText(inputPath))
            ?? throw new InvalidDataException($"{inputPath} holds no table rows.");
        var rows = records.Select(ToRow).OrderBy(row => row.Value).ThenBy(row => row.Mask).ToList();
        var duplicate = rows.GroupBy(row => (row.Value, row.Mask)).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"Tag {duplicate.First().Tag} appears more than once.");
        }

        var header = StandardSource.Header(Path.GetFileName(inputPath), command);
        return [new GeneratedFile("ConfidentialityProfileTable.g.cs", EmitTable(header, rows))];
    }

    private static Row ToRow(ConfidentialityProfileRecord record)
    {
        var basic = BasicActions.GetValueOrDefault(record.BasicProfile.Trim())
            ?? throw new InvalidDataException($"Unknown basic profile action '{record.BasicProfile}' for {record.Tag}.");
        var options = string.Concat(record.OptionColumns.Select(OptionCode));
        var (value, mask) = ParseTag(record.Tag);
        // Some names carry a line break before a note reference ("Icon Image Sequence\n\n(see Note 11)").
        var name = string.Join(' ', record.Name.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return new Row(record.Tag.Trim().ToUpperInvariant(), value, mask, basic, options, name,
            record.InStandardCompositeIod.Trim() == "Y");
    }

    // Option columns hold K or C (PS3.15 Table E.1-1); '-' marks a column without an entry.
    private static char OptionCode(string? code) => code?.Trim() switch
    {
        null or "" => '-',
        "K" => 'K',
        "C" => 'C',
        _ => throw new InvalidDataException($"Unknown option action '{code}'."),
    };

    private static (uint Value, uint Mask) ParseTag(string text)
    {
        var tag = text.Trim().ToUpperInvariant();
        if (tag == PrivateRowTag)
        {
            // Private attributes: any tag whose group is odd, i.e. bit 16 of the tag value set.
            return (0x00010000, 0x00010000);
        }

        var digits = tag.TrimStart('(').TrimEnd(')').Replace(",", string.Empty, StringComparison.Ordinal);
        if (digits.Length != 8 || digits.Any(c => !Uri.IsHexDigit(c) && c != 'X'))
        {
            throw new InvalidDataException($"Unexpected tag '{text}'.");
        }

        var value = uint.Parse(digits.Replace('X', '0'), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        var mask = uint.MaxValue;
        for (var i = 0; i < 8; i++)
        {
            if (digits[i] == 'X')
            {
                mask &= ~(0xFu << (28 - (4 * i)));
            }
        }

        return (value, mask);
    }

    private static string EmitTable(string header, List<Row> rows)
    {
        var builder = new StringBuilder(header);
        builder.AppendLine();
        builder.AppendLine("namespace Hydra.Dicom.Deidentification;");
        builder.AppendLine();
        builder.AppendLine("internal static partial class ConfidentialityProfileTable");
        builder.AppendLine("{");
        builder.AppendLine("    /// <summary>How many rows PS3.15 Table E.1-1 has in this release.</summary>");
        builder.AppendLine($"    internal const int RowCount = {rows.Count};");
        builder.AppendLine();
        builder.AppendLine("    // Tag value, mask (0 bits are wildcards), basic profile action, option actions (one character per column in");
        builder.AppendLine("    // ConfidentialityOptions order: safe private, UIDs, device, institution, patient characteristics, full dates,");
        builder.AppendLine("    // modified dates, clean descriptors, clean structured content, clean graphics; '-' = no entry), attribute name,");
        builder.AppendLine("    // and whether the attribute belongs to a standard composite IOD (the table's \"In Std. Comp. IOD\").");
        builder.AppendLine("    private static ConfidentialityProfileRow[] CreateRows() =>");
        builder.AppendLine("    [");
        foreach (var row in rows)
        {
            var name = row.Name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
            var inIod = row.InStandardIod ? "true" : "false";
            builder.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"        new(0x{row.Value:X8}, 0x{row.Mask:X8}, ProfileAction.{row.Basic}, \"{row.Options}\", \"{name}\", {inIod}),"));
        }

        builder.AppendLine("    ];");
        builder.AppendLine("}");
        return builder.ToString();
    }

    private sealed record Row(string Tag, uint Value, uint Mask, string Basic, string Options, string Name, bool InStandardIod);
}

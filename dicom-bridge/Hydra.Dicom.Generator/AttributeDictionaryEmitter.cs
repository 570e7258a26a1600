using System.Globalization;
using System.Security;
using System.Text;
using System.Text.Json;

namespace Hydra.Dicom.Generator;

/// <summary>
/// Emits the PS3.6 data dictionary from attributes.json: a compact text table parsed once at run time
/// (<c>DicomDictionary.Table.g.cs</c>) and one <c>DicomTag</c> property per keyword (<c>DicomTags.g.cs</c>).
/// </summary>
public sealed class AttributeDictionaryEmitter : ITableEmitter
{
    public IReadOnlyList<GeneratedFile> Emit(string inputPath, string command)
    {
        var records = JsonSerializer.Deserialize<List<AttributeRecord>>(File.ReadAllText(inputPath))
            ?? throw new InvalidDataException($"{inputPath} holds no attribute list.");
        var rows = records.Select(ToRow).OrderBy(row => row.SortKey).ThenBy(row => row.Tag, StringComparer.Ordinal).ToList();
        CheckUnique(rows);
        var header = StandardSource.Header(Path.GetFileName(inputPath), command);
        return
        [
            new GeneratedFile("DicomDictionary.Table.g.cs", EmitTable(header, rows)),
            new GeneratedFile("DicomTags.g.cs", EmitTags(header, rows)),
        ];
    }

    private static Row ToRow(AttributeRecord record)
    {
        var tag = record.Tag.Trim().TrimStart('(').TrimEnd(')').Replace(",", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        if (tag.Length != 8 || tag.Any(c => !Uri.IsHexDigit(c) && c != 'X'))
        {
            throw new InvalidDataException($"Unexpected tag '{record.Tag}' for keyword '{record.Keyword}'.");
        }

        var sortKey = uint.Parse(tag.Replace('X', '0'), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return new Row(tag, sortKey, NormaliseVr(record.ValueRepresentation), record.ValueMultiplicity.Trim(),
            record.Keyword.Trim(), record.Name.Trim(), record.Retired.Trim() == "Y");
    }

    // "US or SS" becomes "US/SS"; descriptions that are not VRs ("See Note 2" for item tags, empty) become empty.
    private static string NormaliseVr(string text)
    {
        var parts = text.Split(" or ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return parts.All(p => p.Length == 2 && p.All(char.IsAsciiLetterUpper)) ? string.Join('/', parts) : string.Empty;
    }

    private static void CheckUnique(List<Row> rows)
    {
        var duplicate = rows.Where(r => r.Keyword.Length > 0).GroupBy(r => r.Keyword, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidDataException($"Keyword '{duplicate.Key}' appears more than once.");
        }
    }

    private static string EmitTable(string header, List<Row> rows)
    {
        var builder = new StringBuilder(header);
        builder.AppendLine();
        builder.AppendLine("namespace Hydra.Dicom.Dictionary;");
        builder.AppendLine();
        builder.AppendLine("public static partial class DicomDictionary");
        builder.AppendLine("{");
        builder.AppendLine("    // One entry per line: tag (X = any hex digit) | VR (alternatives separated by /) | VM | keyword | R if retired.");
        builder.AppendLine($"    private const int TableEntryCount = {rows.Count};");
        builder.AppendLine();
        builder.AppendLine("    private const string Table = \"\"\"");
        foreach (var row in rows)
        {
            builder.AppendLine($"        {row.Tag}|{row.Vr}|{row.Vm}|{row.Keyword}|{(row.Retired ? "R" : string.Empty)}");
        }

        builder.AppendLine("        \"\"\";");
        builder.AppendLine("}");
        return builder.ToString();
    }

    private static string EmitTags(string header, List<Row> rows)
    {
        var builder = new StringBuilder(header);
        builder.AppendLine();
        builder.AppendLine("namespace Hydra.Dicom.Dictionary;");
        builder.AppendLine();
        builder.AppendLine("/// <summary>Every keyword of the PS3.6 data dictionary as a <see cref=\"DicomTag\"/>; repeating groups give their first group.</summary>");
        builder.AppendLine("public static partial class DicomTags");
        builder.AppendLine("{");
        var first = true;
        foreach (var row in rows.Where(r => r.Keyword.Length > 0))
        {
            if (!first)
            {
                builder.AppendLine();
            }

            first = false;
            var display = $"({row.Tag[..4]},{row.Tag[4..]})".Replace('X', 'x');
            var retired = row.Retired ? " (retired)" : string.Empty;
            var vr = row.Vr.Length == 0 ? "no VR" : row.Vr.Replace("/", " or ", StringComparison.Ordinal);
            builder.AppendLine($"    /// <summary>{display} {SecurityElement.Escape(row.Name)}, {vr}, VM {SecurityElement.Escape(row.Vm)}{retired}.</summary>");
            var value = row.Tag.Replace('X', '0');
            builder.AppendLine($"    public static DicomTag {row.Keyword} => new(0x{value[..4]}, 0x{value[4..]});");
        }

        builder.AppendLine("}");
        return builder.ToString();
    }

    private sealed record Row(string Tag, uint SortKey, string Vr, string Vm, string Keyword, string Name, bool Retired);
}

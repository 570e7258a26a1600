using System.Globalization;
using System.Net;

namespace Hydra.Client.Auditing.Reports;

/// <summary>
/// Writes HTML in which every piece of record text is escaped: subjects, reasons and key ids come from callers (a
/// refused certificate's claimed DN is recorded as it was), so nothing from a record may ever reach the page as markup.
/// </summary>
internal sealed class HtmlWriter
{
    private readonly TextWriter _output;

    public HtmlWriter(TextWriter output) => _output = output;

    /// <summary>Writes trusted markup made by this assembly.</summary>
    public void Raw(string html) => _output.Write(html);

    /// <summary>Writes text, escaped.</summary>
    public void Text(string? text) => _output.Write(WebUtility.HtmlEncode(text ?? string.Empty));

    /// <summary>Opens <paramref name="tag"/> with attributes whose values are escaped; null values are left out.</summary>
    public void Open(string tag, params (string Name, string? Value)[] attributes)
    {
        _output.Write('<');
        _output.Write(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is not null)
            {
                _output.Write($" {name}=\"{WebUtility.HtmlEncode(value)}\"");
            }
        }

        _output.Write('>');
    }

    public void Close(string tag) => _output.Write($"</{tag}>");

    /// <summary><c>&lt;tag class=...&gt;text&lt;/tag&gt;</c>.</summary>
    public void Element(string tag, string? text, string? cssClass = null)
    {
        Open(tag, ("class", cssClass));
        Text(text);
        Close(tag);
    }

    /// <summary>A table with sortable columns: <paramref name="headers"/> name them, numeric ones sort as numbers.</summary>
    public void OpenTable(string id, params string[] headers)
    {
        Raw("<div class=\"scroll\">");
        Open("table", ("id", id), ("class", "sortable"));
        Raw("<thead><tr>");
        foreach (var header in headers)
        {
            Element("th", header);
        }

        Raw("</tr></thead><tbody>");
    }

    public void CloseTable() => Raw("</tbody></table></div>");

    public void Cell(string? text, string? cssClass = null, string? sortKey = null)
    {
        Open("td", ("class", cssClass), ("data-sort", sortKey));
        Text(text);
        Close("td");
    }

    /// <summary>
    /// A slash DN that wraps between its parts, its last part (usually the CN, the person) in bold; sorts as written.
    /// </summary>
    public void DnCell(string dn)
    {
        Open("td", ("class", "dn"));
        Dn(dn);
        Close("td");
    }

    /// <summary>The inside of <see cref="DnCell"/>, for cells that show more than the DN.</summary>
    public void Dn(string dn)
    {
        var last = dn.LastIndexOf('/');
        if (last > 0)
        {
            Raw("<span class=\"path\">");
            Breakable(dn[..last], '/');
            Raw("</span><wbr>");
        }

        Raw("<b>");
        Text(last >= 0 ? dn[last..] : dn);
        Raw("</b>");
    }

    /// <summary>A key id that wraps after its study part (<c>study:instance</c>), the study in grey.</summary>
    public void KeyCell(string keyId)
    {
        Open("td", ("class", "key"), ("data-sort", keyId));
        var colon = keyId.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            Raw("<span class=\"study\">");
            Text(keyId[..(colon + 1)]);
            Raw("</span><wbr>");
            Text(keyId[(colon + 1)..]);
        }
        else
        {
            Text(keyId);
        }

        Close("td");
    }

    /// <summary>Text with a line-break opportunity before each <paramref name="separator"/>.</summary>
    private void Breakable(string text, char separator)
    {
        var parts = text.Split(separator);
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0)
            {
                Raw("<wbr>");
                Text(separator.ToString());
            }

            Text(parts[i]);
        }
    }

    public void Cell(long number) => Cell(number.ToString(CultureInfo.InvariantCulture), "num", number.ToString(CultureInfo.InvariantCulture));

    public void Cell(DateTimeOffset time) => Cell(Format(time), "time", time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));

    /// <summary>UTC to the second, as the report shows times.</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}

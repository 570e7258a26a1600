using System.Globalization;
using System.Text;

namespace Hydra.Grid;

/// <summary>RFC 2253 / RFC 4514 string DNs: least significant RDN first, <c>,</c> between RDNs, <c>+</c> inside one.</summary>
internal static class Rfc2253Format
{
    private const string Special = ",+\"\\<>;=";

    public static string Format(IReadOnlyList<DistinguishedNameAttribute> attributes)
    {
        // Group attributes into RDNs, then emit the RDNs in reverse (RFC 2253 §2.1).
        var rdns = new List<List<DistinguishedNameAttribute>>();
        foreach (var attribute in attributes)
        {
            if (!attribute.ContinuesRdn || rdns.Count == 0)
            {
                rdns.Add([]);
            }

            rdns[^1].Add(attribute);
        }

        var text = new StringBuilder();
        for (var r = rdns.Count - 1; r >= 0; r--)
        {
            if (text.Length > 0)
            {
                text.Append(',');
            }

            for (var a = 0; a < rdns[r].Count; a++)
            {
                text.Append(a > 0 ? "+" : string.Empty).Append(rdns[r][a].ShortName).Append('=');
                AppendEscaped(text, rdns[r][a].Value);
            }
        }

        return text.ToString();
    }

    public static DistinguishedName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rdns = new List<List<DistinguishedNameAttribute>>();
        var position = 0;
        SkipSpaces(text, ref position);
        var current = new List<DistinguishedNameAttribute>();
        while (position < text.Length)
        {
            var (oid, value) = ReadAttribute(text, ref position);
            current.Add(new DistinguishedNameAttribute(oid, value, current.Count > 0));
            SkipSpaces(text, ref position);
            if (position == text.Length || text[position] is ',' or ';')
            {
                rdns.Add(current);
                current = [];
                if (position < text.Length)
                {
                    position++;
                    SkipSpaces(text, ref position);
                    if (position == text.Length)
                    {
                        throw new FormatException($"RFC 2253 DN ends with a separator: '{text}'.");
                    }
                }
            }
            else if (text[position] == '+')
            {
                position++;
                SkipSpaces(text, ref position);
            }
            else
            {
                throw new FormatException($"Unexpected '{text[position]}' at position {position} in '{text}'.");
            }
        }

        rdns.Reverse();
        return new DistinguishedName(rdns.SelectMany(rdn => rdn));
    }

    private static (string Oid, string Value) ReadAttribute(string text, ref int position)
    {
        var equals = text.IndexOf('=', position);
        if (equals < 0 || !DnAttributeTypes.TryResolve(text.AsSpan(position, equals - position).Trim(), out var oid))
        {
            throw new FormatException($"Expected an attribute type at position {position} in '{text}'.");
        }

        position = equals + 1;
        SkipSpaces(text, ref position);
        var value = position < text.Length && text[position] == '"'
            ? ReadQuoted(text, ref position)
            : ReadUnquoted(text, ref position);
        return (oid, value);
    }

    private static string ReadQuoted(string text, ref int position)
    {
        var value = new StringBuilder();
        position++;
        while (position < text.Length && text[position] != '"')
        {
            value.Append(text[position] == '\\' ? ReadEscape(text, ref position) : text[position++].ToString());
        }

        if (position == text.Length)
        {
            throw new FormatException($"Unterminated quoted value in '{text}'.");
        }

        position++;
        return value.ToString();
    }

    private static string ReadUnquoted(string text, ref int position)
    {
        var bytes = new List<byte>();
        var lastSignificant = 0;
        while (position < text.Length && text[position] is not (',' or ';' or '+'))
        {
            var escaped = text[position] == '\\';
            var piece = escaped ? ReadEscape(text, ref position) : text[position++].ToString();
            bytes.AddRange(Encoding.UTF8.GetBytes(piece));
            if (escaped || piece != " ")
            {
                lastSignificant = bytes.Count;
            }
        }

        // Unescaped trailing spaces are not part of the value (RFC 4514 §3).
        return Encoding.UTF8.GetString([.. bytes.Take(lastSignificant)]);
    }

    private static string ReadEscape(string text, ref int position)
    {
        if (position + 1 >= text.Length)
        {
            throw new FormatException($"Dangling escape at the end of '{text}'.");
        }

        if (position + 2 < text.Length && char.IsAsciiHexDigit(text[position + 1]) && char.IsAsciiHexDigit(text[position + 2]))
        {
            var hexBytes = new List<byte>();
            while (position + 2 < text.Length && text[position] == '\\'
                   && char.IsAsciiHexDigit(text[position + 1]) && char.IsAsciiHexDigit(text[position + 2]))
            {
                hexBytes.Add(byte.Parse(text.AsSpan(position + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                position += 3;
            }

            return Encoding.UTF8.GetString([.. hexBytes]);
        }

        position += 2;
        return text[position - 1].ToString();
    }

    private static void AppendEscaped(StringBuilder text, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var leading = i == 0 && c is ' ' or '#';
            var trailing = i == value.Length - 1 && c == ' ';
            if (Special.Contains(c, StringComparison.Ordinal) || leading || trailing)
            {
                text.Append('\\');
            }

            text.Append(c);
        }
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }
    }
}

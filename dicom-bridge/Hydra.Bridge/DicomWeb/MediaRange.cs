using System.Globalization;
using System.Text;

namespace Hydra.Bridge.DicomWeb;

/// <summary>
/// One media range of an <c>Accept</c> header (RFC 9110 12.5.1): type, subtype, its parameters (names lower case,
/// quotes removed) and its weight <c>q</c> (parameters after <c>q</c> are accept extensions and ignored).
/// </summary>
internal sealed record MediaRange(string Type, string Subtype, IReadOnlyDictionary<string, string> Parameters, double Quality)
{
    /// <summary>True when this range covers <paramref name="type"/>/<paramref name="subtype"/> (wildcards included).</summary>
    public bool Covers(string type, string subtype) =>
        (Type == "*" || string.Equals(Type, type, StringComparison.OrdinalIgnoreCase)) &&
        (Subtype == "*" || string.Equals(Subtype, subtype, StringComparison.OrdinalIgnoreCase));

    /// <summary>0 for <c>*/*</c>, 1 for <c>type/*</c>, 2 for a full type, 3 with parameters: the more specific range wins (RFC 9110 12.5.1).</summary>
    public int Specificity => Type == "*" ? 0 : Subtype == "*" ? 1 : Parameters.Count == 0 ? 2 : 3;

    public string? Parameter(string name) => Parameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// The ranges of the header values, in order; malformed ranges are skipped. Unquoted parameter values run to the
    /// next <c>;</c> or <c>,</c>, so <c>type=application/dicom</c> (a slash is not a token character, but OHIF sends it
    /// unquoted) reads as viewers mean it.
    /// </summary>
    public static IReadOnlyList<MediaRange> ParseAll(IEnumerable<string?> headerValues)
    {
        var ranges = new List<MediaRange>();
        foreach (var header in headerValues)
        {
            var position = 0;
            while (header is not null && position < header.Length)
            {
                if (TryParseOne(header, ref position) is { } range)
                {
                    ranges.Add(range);
                }
            }
        }

        return ranges;
    }

    private static MediaRange? TryParseOne(string text, ref int position)
    {
        var end = IndexOfAny(text, position, ';', ',');
        var mediaType = text[position..end].Trim();
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var quality = 1.0;
        var valid = true;
        var afterQuality = false;
        position = end;
        while (position < text.Length && text[position] == ';')
        {
            var (name, value) = ReadParameter(text, ref position);
            if (name.Equals("q", StringComparison.OrdinalIgnoreCase))
            {
                valid &= double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out quality) && quality is >= 0 and <= 1;
                afterQuality = true;
            }
            else if (!afterQuality && name.Length > 0)
            {
                parameters[name] = value;
            }
        }

        position = Math.Min(position + 1, text.Length);
        var slash = mediaType.IndexOf('/', StringComparison.Ordinal);
        if (!valid || slash <= 0 || slash == mediaType.Length - 1)
        {
            return null;
        }

        var (type, subtype) = (mediaType[..slash].Trim().ToLowerInvariant(), mediaType[(slash + 1)..].Trim().ToLowerInvariant());
        return type == "*" && subtype != "*" ? null : new MediaRange(type, subtype, parameters, quality);
    }

    private static (string Name, string Value) ReadParameter(string text, ref int position)
    {
        position++;
        var equals = IndexOfAny(text, position, '=', ';', ',');
        var name = text[position..equals].Trim();
        if (equals >= text.Length || text[equals] != '=')
        {
            position = equals;
            return (name, "");
        }

        position = equals + 1;
        while (position < text.Length && text[position] == ' ')
        {
            position++;
        }

        if (position < text.Length && text[position] == '"')
        {
            var value = new StringBuilder();
            position++;
            while (position < text.Length && text[position] != '"')
            {
                value.Append(text[position] == '\\' && position + 1 < text.Length ? text[++position] : text[position]);
                position++;
            }

            position = IndexOfAny(text, Math.Min(position + 1, text.Length), ';', ',');
            return (name, value.ToString());
        }

        var end = IndexOfAny(text, position, ';', ',');
        var unquoted = text[position..end].Trim();
        position = end;
        return (name, unquoted);
    }

    private static int IndexOfAny(string text, int start, params char[] any)
    {
        var index = text.IndexOfAny(any, start);
        return index < 0 ? text.Length : index;
    }
}

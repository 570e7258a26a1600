namespace Hydra.Grid;

/// <summary>
/// The OpenSSL "oneline" slash form used in grid ACLs, grid-mapfiles and VOMS .lsc files. Values are not escaped, so
/// a value may itself hold <c>/</c> (<c>CN=host/node1.example.org</c>): a separator is a <c>/</c> (or <c>+</c> for a
/// multi-valued RDN) followed by a known attribute type or dotted OID and <c>=</c>.
/// </summary>
internal static class SlashDnFormat
{
    public static DistinguishedName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return new DistinguishedName([]);
        }

        if (text[0] != '/')
        {
            throw new FormatException($"A slash-form DN must start with '/': '{text}'.");
        }

        var attributes = new List<DistinguishedNameAttribute>();
        var start = 0;
        while (start < text.Length)
        {
            var equals = text.IndexOf('=', start + 1);
            if (equals < 0 || !DnAttributeTypes.TryResolve(text.AsSpan(start + 1, equals - start - 1), out var oid))
            {
                throw new FormatException($"Expected an attribute type after position {start} in '{text}'.");
            }

            var end = NextSeparator(text, equals + 1);
            attributes.Add(new DistinguishedNameAttribute(oid, text[(equals + 1)..end], text[start] == '+'));
            start = end;
        }

        return new DistinguishedName(attributes);
    }

    private static int NextSeparator(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] is '/' or '+' && StartsAttribute(text, i + 1))
            {
                return i;
            }
        }

        return text.Length;
    }

    private static bool StartsAttribute(string text, int from)
    {
        var equals = text.IndexOf('=', from);
        if (equals <= from)
        {
            return false;
        }

        var name = text.AsSpan(from, equals - from);
        return name.IndexOfAny('/', '+') < 0 && DnAttributeTypes.TryResolve(name, out _);
    }
}

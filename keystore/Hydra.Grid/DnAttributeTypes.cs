using System.Collections.Frozen;

namespace Hydra.Grid;

/// <summary>
/// Attribute type names as OpenSSL prints them, with the aliases grid tools use (VOMS normalize.c equates
/// emailAddress/Email/E and UID/USERID).
/// </summary>
internal static class DnAttributeTypes
{
    private static readonly (string Name, string Oid)[] Names =
    [
        ("C", "2.5.4.6"),
        ("ST", "2.5.4.8"),
        ("L", "2.5.4.7"),
        ("O", "2.5.4.10"),
        ("OU", "2.5.4.11"),
        ("CN", "2.5.4.3"),
        ("DC", "0.9.2342.19200300.100.1.25"),
        ("emailAddress", "1.2.840.113549.1.9.1"),
        ("UID", "0.9.2342.19200300.100.1.1"),
        ("serialNumber", "2.5.4.5"),
        ("street", "2.5.4.9"),
        ("title", "2.5.4.12"),
        ("SN", "2.5.4.4"),
        ("GN", "2.5.4.42"),
        ("initials", "2.5.4.43"),
        ("generationQualifier", "2.5.4.44"),
        ("dnQualifier", "2.5.4.46"),
        ("pseudonym", "2.5.4.65"),
        ("name", "2.5.4.41"),
        ("postalCode", "2.5.4.17"),
        ("businessCategory", "2.5.4.15"),
    ];

    private static readonly (string Alias, string Oid)[] Aliases =
    [
        ("Email", "1.2.840.113549.1.9.1"),
        ("E", "1.2.840.113549.1.9.1"),
        ("USERID", "0.9.2342.19200300.100.1.1"),
        ("S", "2.5.4.8"),
        ("surname", "2.5.4.4"),
        ("givenName", "2.5.4.42"),
    ];

    private static readonly FrozenDictionary<string, string> OidByName = Names
        .Concat(Aliases)
        .ToFrozenDictionary(pair => pair.Item1, pair => pair.Item2, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, string> NameByOid = Names
        .ToFrozenDictionary(pair => pair.Oid, pair => pair.Name, StringComparer.Ordinal);

    /// <summary>The OpenSSL short name for <paramref name="oid"/>, or the OID itself when it has none.</summary>
    public static string ShortName(string oid) => NameByOid.TryGetValue(oid, out var name) ? name : oid;

    /// <summary>Resolves a type name, alias or dotted OID (optionally prefixed <c>OID.</c>) to its OID.</summary>
    public static bool TryResolve(ReadOnlySpan<char> name, out string oid)
    {
        var lookup = OidByName.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out oid!))
        {
            return true;
        }

        if (name.StartsWith("OID.", StringComparison.OrdinalIgnoreCase))
        {
            name = name[4..];
        }

        if (IsDottedOid(name))
        {
            oid = name.ToString();
            return true;
        }

        oid = string.Empty;
        return false;
    }

    private static bool IsDottedOid(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[^1]))
        {
            return false;
        }

        var dots = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '.')
            {
                if (text[i - 1] == '.')
                {
                    return false;
                }

                dots++;
            }
            else if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return dots >= 1;
    }
}

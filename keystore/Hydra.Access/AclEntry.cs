namespace Hydra.Access;

/// <summary>
/// One ACL line: a principal, the permissions it concerns, and whether they are allowed or denied (deny wins). Its
/// rule text form is <c>PRINCIPAL=PERMS</c>, prefixed with <c>!</c> for a deny, e.g. <c>fqan:/hospital/radiology=g</c>
/// (split at the last <c>=</c>, since DNs may hold one).
/// </summary>
public sealed record AclEntry(Principal Principal, KeyPermissions Permissions, bool Deny = false)
{
    /// <summary>An entry for the principal named by <paramref name="principal"/>; the exception names what is wrong.</summary>
    /// <exception cref="FormatException">The principal does not parse.</exception>
    public static AclEntry For(string principal, KeyPermissions permissions, bool deny = false) =>
        new(Principal.Parse(principal), permissions, deny);

    /// <summary>Parses <c>PRINCIPAL=PERMS</c> (permission letters g, d, r, w) as an allow or a deny entry.</summary>
    /// <exception cref="FormatException">The text, its principal or its letters are malformed; the message says which.</exception>
    public static AclEntry Parse(string text, bool deny)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.LastIndexOf('=');
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw new FormatException($"ACL entry '{text}' must be PRINCIPAL=PERMS, e.g. fqan:/hospital/radiology=g.");
        }

        if (!Principal.TryParse(text[..equals], out var principal, out var error))
        {
            throw new FormatException($"ACL entry '{text}': {error}");
        }

        try
        {
            return new AclEntry(principal, KeyPermissionsText.Parse(text[(equals + 1)..]), deny);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"ACL entry '{text}': {ex.Message}", ex);
        }
    }

    /// <summary>Parses the rule text form: <c>PRINCIPAL=PERMS</c>, or <c>!PRINCIPAL=PERMS</c> for a deny.</summary>
    /// <exception cref="FormatException">The rule is malformed; the message says how.</exception>
    public static AclEntry ParseRule(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.StartsWith('!') ? Parse(rule[1..], deny: true) : Parse(rule, deny: false);
    }

    /// <summary>The rule text form, which <see cref="ParseRule"/> reads back.</summary>
    public string ToRule() => (Deny ? "!" : string.Empty) + Principal + "=" + KeyPermissionsText.Format(Permissions);

    public override string ToString() => $"{(Deny ? "deny" : "allow")} {Principal} {KeyPermissionsText.Format(Permissions)}";
}

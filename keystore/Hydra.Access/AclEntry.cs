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
    public static AclEntry Parse(string text, bool deny) => ParseEntry(text, deny, stored: false);

    /// <summary>Parses the rule text form: <c>PRINCIPAL=PERMS</c>, or <c>!PRINCIPAL=PERMS</c> for a deny.</summary>
    /// <exception cref="FormatException">The rule is malformed; the message says how.</exception>
    public static AclEntry ParseRule(string rule) => ParseRuleText(rule, stored: false);

    /// <summary>
    /// <see cref="ParseRule"/> for a rule read back from storage: its principal is read with
    /// <see cref="Principal.ParseStored"/>, so that rules stored before stricter input checks keep working.
    /// </summary>
    public static AclEntry ParseStoredRule(string rule) => ParseRuleText(rule, stored: true);

    private static AclEntry ParseRuleText(string rule, bool stored)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule.StartsWith('!') ? ParseEntry(rule[1..], deny: true, stored) : ParseEntry(rule, deny: false, stored);
    }

    private static AclEntry ParseEntry(string text, bool deny, bool stored)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.LastIndexOf('=');
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw new FormatException($"ACL entry '{text}' must be PRINCIPAL=PERMS, e.g. fqan:/hospital/radiology=g.");
        }

        Principal principal;
        try
        {
            principal = stored ? Principal.ParseStored(text[..equals]) : Principal.Parse(text[..equals]);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"ACL entry '{Principal.Printable(text)}': {ex.Message}", ex);
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

    /// <summary>The rule text form, which <see cref="ParseRule"/> reads back.</summary>
    public string ToRule() => (Deny ? "!" : string.Empty) + Principal + "=" + KeyPermissionsText.Format(Permissions);

    public override string ToString() => $"{(Deny ? "deny" : "allow")} {Principal} {KeyPermissionsText.Format(Permissions)}";
}

using System.Diagnostics.CodeAnalysis;

namespace Hydra.Grid;

/// <summary>
/// An FQAN pattern for ACLs, after the Argus FQAN wildcard rules (EGEE-III JRA1) with one documented widening.
/// </summary>
/// <remarks>
/// <list type="table">
/// <item><term><c>/vo/g</c></term><description>exactly group <c>/vo/g</c>, with no role.</description></item>
/// <item><term><c>/vo/g/Role=r</c></term><description>exactly group <c>/vo/g</c> with role <c>r</c> (ordinal).</description></item>
/// <item><term><c>/vo/g/*</c></term><description>group <c>/vo/g</c> or any subgroup (<c>/vo/g/...</c>, never
/// <c>/vo/gx</c>), with any role or none: a trailing group wildcard without a role places no condition on the role.</description></item>
/// <item><term><c>/vo/g/*/Role=r</c></term><description>that group or a subgroup, with role <c>r</c>.</description></item>
/// <item><term><c>/vo/g/Role=*</c></term><description>exactly group <c>/vo/g</c>, any role or none.</description></item>
/// <item><term><c>/vo/g/Role=pre*</c></term><description>exactly group <c>/vo/g</c>, a role starting with <c>pre</c>.</description></item>
/// </list>
/// <c>/Role=NULL</c> in a pattern means "no role", as in FQANs. Capabilities are ignored in matching. Only a final
/// <c>*</c> group is a wildcard; a <c>*</c> elsewhere is malformed.
/// </remarks>
public sealed class FqanPattern
{
    private const string AnyGroupSuffix = "/*";
    private const string RoleMarker = "/Role=";

    private readonly string _group;
    private readonly bool _subgroups;
    private readonly RoleRule _roleRule;
    private readonly string _role;
    private readonly string _text;

    private FqanPattern(string group, bool subgroups, RoleRule roleRule, string role, string text)
    {
        _group = group;
        _subgroups = subgroups;
        _roleRule = roleRule;
        _role = role;
        _text = text;
    }

    private enum RoleRule
    {
        Unspecified,
        NoRole,
        Exact,
        Prefix,
    }

    /// <summary>The VO this pattern is about.</summary>
    public string Vo => _group.Split('/')[1];

    /// <summary>Parses a pattern.</summary>
    /// <exception cref="FormatException">The text is not an FQAN pattern.</exception>
    public static FqanPattern Parse(string text) =>
        TryParse(text, out var pattern) ? pattern : throw new FormatException($"Invalid FQAN pattern '{text}'.");

    /// <summary>Parses a pattern, returning false for malformed text.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out FqanPattern? pattern)
    {
        pattern = null;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        // Capability=NULL is the long form of "no capability" (VOMS writes it); capabilities are not matched.
        const string NullCapability = "/Capability=NULL";
        if (text.EndsWith(NullCapability, StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^NullCapability.Length];
        }

        var roleAt = text.IndexOf(RoleMarker, StringComparison.OrdinalIgnoreCase);
        var groupText = roleAt < 0 ? text : text[..roleAt];
        var subgroups = groupText.EndsWith(AnyGroupSuffix, StringComparison.Ordinal);
        if (subgroups)
        {
            groupText = groupText[..^AnyGroupSuffix.Length];
        }

        var (rule, role) = ReadRole(roleAt < 0 ? null : text[(roleAt + RoleMarker.Length)..]);

        // Validate the group (and a concrete role) with the FQAN grammar itself.
        var probeRole = rule is RoleRule.Exact || (rule is RoleRule.Prefix && role.Length > 0) ? RoleMarker + role : string.Empty;
        if (!Fqan.TryParse(groupText + probeRole, out var probe) || probe.Capability is not null)
        {
            return false;
        }

        pattern = new FqanPattern(probe.Group, subgroups, rule, role, Canonical(probe.Group, subgroups, rule, role));
        return true;
    }

    /// <summary>True when <paramref name="fqan"/> matches this pattern.</summary>
    public bool Matches(Fqan fqan)
    {
        ArgumentNullException.ThrowIfNull(fqan);
        var groupMatches = string.Equals(fqan.Group, _group, StringComparison.Ordinal)
            || (_subgroups && fqan.Group.StartsWith(_group + "/", StringComparison.Ordinal));
        return groupMatches && RoleMatches(fqan.Role);
    }

    /// <summary>True when any of <paramref name="fqans"/> matches.</summary>
    public bool MatchesAny(IEnumerable<Fqan> fqans)
    {
        ArgumentNullException.ThrowIfNull(fqans);
        return fqans.Any(Matches);
    }

    /// <summary>
    /// The pattern in canonical form: <c>/Role=NULL</c> written only where it changes the meaning (after <c>/*</c>),
    /// no capability, so equal patterns have equal text.
    /// </summary>
    public override string ToString() => _text;

    private static string Canonical(string group, bool subgroups, RoleRule rule, string role)
    {
        var text = subgroups ? group + AnyGroupSuffix : group;
        return rule switch
        {
            RoleRule.NoRole when subgroups => text + RoleMarker + "NULL",
            RoleRule.Exact => text + RoleMarker + role,
            RoleRule.Prefix => text + RoleMarker + role + "*",
            _ => text,
        };
    }

    private bool RoleMatches(string? role) => _roleRule switch
    {
        RoleRule.Unspecified => _subgroups || role is null,
        RoleRule.NoRole => role is null,
        RoleRule.Exact => string.Equals(role, _role, StringComparison.Ordinal),
        _ => _role.Length == 0 || (role is not null && role.StartsWith(_role, StringComparison.Ordinal)),
    };

    private static (RoleRule Rule, string Role) ReadRole(string? roleText)
    {
        if (roleText is null)
        {
            return (RoleRule.Unspecified, string.Empty);
        }

        if (string.Equals(roleText, "NULL", StringComparison.OrdinalIgnoreCase))
        {
            return (RoleRule.NoRole, string.Empty);
        }

        return roleText.EndsWith('*') ? (RoleRule.Prefix, roleText[..^1]) : (RoleRule.Exact, roleText);
    }
}

using Hydra.Hosting;
using Hydra.Client.Cluster;

namespace Hydra.Bridge.Ingest;

/// <summary>
/// ACL rules as configured and catalogued (<c>PRINCIPAL=PERMS</c>, e.g. <c>fqan:/hospital/radiology=g</c>), turned
/// into keystore ACL entries, and matched against readers to list what they may read.
/// </summary>
internal static class AclRules
{
    public static KeyAclEntry Parse(string rule)
    {
        var deny = rule.StartsWith('!');
        var text = deny ? rule[1..] : rule;
        var equals = text.LastIndexOf('=');
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw new FormatException($"ACL rule '{rule}' must be PRINCIPAL=PERMS (prefix ! to deny), e.g. fqan:/hospital/radiology=g.");
        }

        if (!Principal.TryParse(text[..equals], out _, out var error))
        {
            throw new FormatException($"ACL rule '{rule}': {error}");
        }

        return new KeyAclEntry(text[..equals], KeyPermissionsText.Parse(text[(equals + 1)..]), deny);
    }

    public static string Format(KeyAclEntry entry) =>
        (entry.Deny ? "!" : string.Empty) + entry.Principal + "=" + KeyPermissionsText.Format(entry.Permissions);

    public static IReadOnlyList<KeyAclEntry> ParseAll(IEnumerable<string> rules) => [.. rules.Select(Parse)];

    /// <summary>
    /// Whether the recorded rules let <paramref name="reader"/> get the image's key (deny wins). The keystore decides
    /// for real when the key is fetched; this only keeps listings to what a reader may expect to open.
    /// </summary>
    public static bool Allows(IEnumerable<string> rules, CallerIdentity reader)
    {
        var allowed = false;
        foreach (var entry in rules.Select(Parse).Where(e => e.Permissions.HasFlag(KeyPermissions.GetShare)))
        {
            if (Principal.Parse(entry.Principal).Matches(reader))
            {
                if (entry.Deny)
                {
                    return false;
                }

                allowed = true;
            }
        }

        return allowed;
    }
}

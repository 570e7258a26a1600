using Hydra.Client.Cluster;

namespace Hydra.Cli.Connection;

/// <summary>
/// ACL entries on the command line: <c>PRINCIPAL=PERMS</c>, e.g. <c>fqan:/hospital/radiology=g</c> or
/// <c>dn:/DC=org/DC=hydra-dev/O=Hospital/CN=Alice Reader=gr</c> (split at the last <c>=</c>; permission letters
/// g get-share, d delete, r read-acl, w write-acl).
/// </summary>
internal static class AclArguments
{
    public static KeyAclEntry Parse(string text, bool deny)
    {
        var equals = text.LastIndexOf('=');
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw new UsageException($"ACL entry '{text}' must be PRINCIPAL=PERMS, e.g. fqan:/hospital/radiology=g.");
        }

        try
        {
            return new KeyAclEntry(text[..equals], KeyPermissionsText.Parse(text[(equals + 1)..]), deny);
        }
        catch (FormatException ex)
        {
            throw new UsageException($"ACL entry '{text}': {ex.Message}");
        }
    }

    public static List<KeyAclEntry> ParseAll(IEnumerable<string>? allow, IEnumerable<string>? deny) =>
        [.. (allow ?? []).Select(a => Parse(a, deny: false)), .. (deny ?? []).Select(d => Parse(d, deny: true))];
}

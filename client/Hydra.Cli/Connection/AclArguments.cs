using Hydra.Access;

namespace Hydra.Cli.Connection;

/// <summary>
/// ACL entries on the command line: <c>PRINCIPAL=PERMS</c>, e.g. <c>fqan:/hospital/radiology=g</c> or
/// <c>dn:/DC=org/DC=hydra-dev/O=Hospital/CN=Alice Reader=gr</c> (split at the last <c>=</c>; permission letters
/// g get-share, d delete, r read-acl, w write-acl).
/// </summary>
internal static class AclArguments
{
    public static AclEntry Parse(string text, bool deny)
    {
        try
        {
            return AclEntry.Parse(text, deny);
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    public static List<AclEntry> ParseAll(IEnumerable<string>? allow, IEnumerable<string>? deny) =>
        [.. (allow ?? []).Select(a => Parse(a, deny: false)), .. (deny ?? []).Select(d => Parse(d, deny: true))];
}

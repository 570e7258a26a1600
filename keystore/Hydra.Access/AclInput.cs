namespace Hydra.Access;

/// <summary>Parses ACL entries arriving from callers; a <see cref="FormatException"/> names the offending entry.</summary>
public static class AclInput
{
    /// <summary>At most this many entries per key: ACLs name groups and roles, not crowds.</summary>
    public const int MaxEntries = 256;

    public static IReadOnlyList<AclEntry> Parse(IReadOnlyList<(string Principal, uint Permissions, bool Deny)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count > MaxEntries)
        {
            throw Invalid($"An ACL may hold at most {MaxEntries} entries; {entries.Count} were given.");
        }

        var parsed = new List<AclEntry>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var (principalText, permissions, deny) = entries[i];
            if (!Principal.TryParse(principalText, out var principal, out var error))
            {
                throw Invalid($"ACL entry {i + 1}: {error}");
            }

            if (permissions == 0 || (permissions & ~(uint)KeyPermissions.All) != 0)
            {
                throw Invalid($"ACL entry {i + 1} ({principal}): permissions 0x{permissions:X} must be a non-empty combination "
                    + "of get-share (1), delete (2), read-acl (4) and write-acl (8).");
            }

            parsed.Add(new AclEntry(principal, (KeyPermissions)permissions, deny));
        }

        return parsed;
    }

    private static FormatException Invalid(string message) => new(message);
}

namespace Hydra.Access;

/// <summary>
/// Decides what a caller may do with one key on this node.
/// </summary>
/// <remarks>
/// The owner holds every permission; allow entries add permissions; deny entries remove them whatever else grants
/// them (deny wins, as in gridsite GACL). The owner always keeps read-acl and write-acl so an ACL cannot lock its
/// owner out. <c>any</c> never grants write-acl. Node administrators may read and restrict the ACL and delete the
/// key but never receive a share (gLite Hydra let its admin attribute read every key; Hydra does not). A limited
/// proxy may only read: get the share and read the ACL.
/// </remarks>
public static class AccessEvaluator
{
    private const KeyPermissions LimitedProxyPermissions = KeyPermissions.GetShare | KeyPermissions.ReadAcl;
    private const KeyPermissions AdministratorPermissions = KeyPermissions.Delete | KeyPermissions.ReadAcl | KeyPermissions.WriteAcl;

    /// <summary>The permissions <paramref name="caller"/> holds on a key with <paramref name="acl"/>.</summary>
    public static KeyPermissions Evaluate(CallerIdentity caller, KeyAcl acl, bool isAdministrator)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(acl);
        var isOwner = acl.Owner.Names(caller);
        var allowed = isOwner ? KeyPermissions.All : KeyPermissions.None;
        var denied = KeyPermissions.None;
        foreach (var entry in acl.Entries)
        {
            if (!entry.Principal.Matches(caller))
            {
                continue;
            }

            if (entry.Deny)
            {
                denied |= entry.Permissions;
            }
            else
            {
                allowed |= entry.Principal.Kind == PrincipalKind.Any
                    ? entry.Permissions & ~KeyPermissions.WriteAcl
                    : entry.Permissions;
            }
        }

        var effective = allowed & ~denied;
        if (isOwner)
        {
            effective |= KeyPermissions.ReadAcl | KeyPermissions.WriteAcl;
        }

        if (isAdministrator)
        {
            effective = (effective | AdministratorPermissions) & ~KeyPermissions.GetShare;
        }

        if (caller.IsLimited)
        {
            effective &= LimitedProxyPermissions;
        }

        return effective;
    }

    /// <summary>
    /// Whether replacing <paramref name="current"/> entries by <paramref name="proposed"/> only restricts access: no
    /// principal gains an allowed permission, and no principal loses a denied one. This is all a node administrator
    /// who is not a writer of the ACL may do.
    /// </summary>
    public static bool OnlyRestricts(IReadOnlyList<AclEntry> current, IReadOnlyList<AclEntry> proposed)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(proposed);
        return proposed.Where(e => !e.Deny).All(e => Covers(current, e, deny: false))
            && current.Where(e => e.Deny).All(e => Covers(proposed, e, deny: true));
    }

    private static bool Covers(IReadOnlyList<AclEntry> entries, AclEntry entry, bool deny)
    {
        var held = entries
            .Where(e => e.Deny == deny && e.Principal.Equals(entry.Principal))
            .Aggregate(KeyPermissions.None, (sum, e) => sum | e.Permissions);
        return (entry.Permissions & ~held) == KeyPermissions.None;
    }
}

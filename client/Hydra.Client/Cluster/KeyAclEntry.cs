namespace Hydra.Client.Cluster;

/// <summary>
/// One ACL entry: a principal (<c>dn:/DC=.../CN=Name</c>, <c>fqan:/vo/group/*</c>, <c>fqan:/vo/group/Role=r</c> or
/// <c>any</c>), the permissions it concerns, and whether they are allowed or denied (deny wins).
/// </summary>
public sealed record KeyAclEntry(string Principal, KeyPermissions Permissions, bool Deny = false)
{
    public override string ToString() => $"{(Deny ? "deny" : "allow")} {Principal} {KeyPermissionsText.Format(Permissions)}";
}

namespace Hydra.Keystore.Security;

/// <summary>One ACL line: a principal, the permissions it concerns, and whether they are allowed or denied.</summary>
public sealed record AclEntry(Principal Principal, Permissions Permissions, bool Deny);

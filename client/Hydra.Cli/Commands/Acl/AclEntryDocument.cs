namespace Hydra.Cli.Commands.Acl;

/// <summary>One ACL entry in JSON: principal, permission letters, allow or deny.</summary>
internal sealed record AclEntryDocument(string Principal, string Permissions, bool Deny);

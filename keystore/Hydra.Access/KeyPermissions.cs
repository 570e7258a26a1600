namespace Hydra.Access;

/// <summary>Permissions an ACL entry concerns on one key (the keystore API's Permission values).</summary>
[Flags]
public enum KeyPermissions : uint
{
    None = 0,

    /// <summary>Receive a node's share of the key.</summary>
    GetShare = 1,

    /// <summary>Delete the key.</summary>
    Delete = 2,

    /// <summary>Read the key's ACL.</summary>
    ReadAcl = 4,

    /// <summary>Change the key's ACL.</summary>
    WriteAcl = 8,

    All = GetShare | Delete | ReadAcl | WriteAcl,
}

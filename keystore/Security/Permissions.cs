namespace Hydra.Keystore.Security;

/// <summary>What an ACL entry allows or denies on one key (values match the proto's Permission enum).</summary>
[Flags]
public enum Permissions : uint
{
    None = 0,

    /// <summary>Receive this node's share of the key.</summary>
    GetShare = 1,

    /// <summary>Delete the key from this node.</summary>
    Delete = 2,

    /// <summary>Read the key's ACL.</summary>
    ReadAcl = 4,

    /// <summary>Replace the key's ACL.</summary>
    WriteAcl = 8,

    All = GetShare | Delete | ReadAcl | WriteAcl,
}

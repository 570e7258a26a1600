namespace Hydra.Audit;

/// <summary>Operation names as nodes write them in audit records.</summary>
public static class AuditOperations
{
    /// <summary>A node released (or refused) its share of a key.</summary>
    public const string GetShare = "GetShare";

    /// <summary>A node replaced the entries of a key's ACL; when allowed, the reason says what changed (see FORMAT.md).</summary>
    public const string SetAcl = "SetAcl";

    /// <summary>Between the changes an allowed <see cref="SetAcl"/> record's reason lists (<c>+!fqan:/biomed=g; -dn:...=g</c>).</summary>
    public const string SetAclSeparator = "; ";

    /// <summary>The reason of an allowed <see cref="SetAcl"/> that left the entries the same set.</summary>
    public const string SetAclUnchanged = "unchanged";

    /// <summary>
    /// Client connections the node refused in or right after the TLS handshake, aggregated per peer address and
    /// reason over an interval (not an API method; see FORMAT.md).
    /// </summary>
    public const string TlsHandshake = "TlsHandshake";

    /// <summary>Whether <paramref name="entry"/> is a node handing out its share of a key.</summary>
    public static bool IsRelease(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Operation == GetShare && entry.Outcome == AuditEntry.Allowed && entry.KeyId.Length > 0;
    }
}

namespace Hydra.Keystore.Storage;

/// <summary>Bounds caller-supplied text before it enters the audit trail.</summary>
internal static class AuditText
{
    /// <summary>Longest key id text kept in a record (valid key ids are at most 128 characters).</summary>
    public const int MaxKeyIdLength = 128;

    /// <summary>The key id as the caller sent it, cut to a bounded length even when it is invalid.</summary>
    public static string KeyId(string? keyId) =>
        string.IsNullOrEmpty(keyId) ? string.Empty : keyId.Length <= MaxKeyIdLength ? keyId : keyId[..MaxKeyIdLength];
}

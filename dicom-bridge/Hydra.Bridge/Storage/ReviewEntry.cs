namespace Hydra.Bridge.Storage;

/// <summary>
/// A redacted image's review thumbnail: the catalogued image it shows, and where its ciphertext lies under which key
/// (registered with the quarantine ACL). Key and path are null when the redacted pixels could not be rendered.
/// </summary>
public sealed record ReviewEntry(string SopInstanceUid, string? KeyId, string? ObjectPath, DateTimeOffset Created);

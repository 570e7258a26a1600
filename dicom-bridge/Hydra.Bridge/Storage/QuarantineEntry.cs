namespace Hydra.Bridge.Storage;

/// <summary>An original kept out of circulation (burned-in annotation risk), encrypted, for officers to review.</summary>
public sealed record QuarantineEntry(string Id, string KeyId, string ObjectPath, string Reason, string Source, DateTimeOffset Received);

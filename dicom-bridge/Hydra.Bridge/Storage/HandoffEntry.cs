namespace Hydra.Bridge.Storage;

/// <summary>A share waiting for a keystore node that was down, sealed to that node's certificate.</summary>
public sealed record HandoffEntry(string NodeId, string KeyId, byte[] SealedEnvelope, IReadOnlyList<string> Acl, DateTimeOffset Queued);

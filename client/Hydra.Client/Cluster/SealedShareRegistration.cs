namespace Hydra.Client.Cluster;

/// <summary>A share that waited for its node, sealed to that node's certificate, ready to be delivered to it.</summary>
public sealed record SealedShareRegistration(KeyId KeyId, ReadOnlyMemory<byte> SealedEnvelope, IReadOnlyList<KeyAclEntry> Acl);

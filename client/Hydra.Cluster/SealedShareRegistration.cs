using Hydra.Access;
using Hydra.Keystore.Contract;
namespace Hydra.Cluster;

/// <summary>A share that waited for its node, sealed to that node's certificate, ready to be delivered to it.</summary>
public sealed record SealedShareRegistration(KeyId KeyId, ReadOnlyMemory<byte> SealedEnvelope, IReadOnlyList<AclEntry> Acl);

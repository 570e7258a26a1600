using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Channels;
namespace Hydra.Cluster;

/// <summary>One node's answer to a status query, or its failure.</summary>
public sealed record NodeStatus(
    ClusterNode Node,
    bool Reachable,
    TimeSpan RoundTrip,
    string? NodeId,
    string? Version,
    long KeyCount,
    long AuditLength,
    string? AuditHead,
    CallerInfo? Caller,
    NodeFailure? Failure);

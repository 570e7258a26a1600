using Hydra.Keystore.Contract;
namespace Hydra.Cluster;

/// <summary>One key of a batch registration: its report when the write quorum was met, else why not.</summary>
public sealed record KeyRegistrationResult(KeyId KeyId, RegistrationReport? Report, ClusterException? Error)
{
    /// <summary>
    /// Whether every node that answered already holds a different share of this key: it was registered before (for
    /// example by an attempt that crashed before it was acknowledged), so its existing key must be used.
    /// </summary>
    public bool AlreadyRegistered =>
        Error is not null && Error.Failures.Any(f => f.Kind == NodeFailureKind.AlreadyExists)
        && Error.Failures.All(f => f.Kind is NodeFailureKind.AlreadyExists or NodeFailureKind.Unavailable or NodeFailureKind.DeadlineExceeded);
}

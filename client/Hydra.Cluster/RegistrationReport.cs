using Hydra.Keystore.Contract;
namespace Hydra.Cluster;

/// <summary>How a key's registration went on each node. Returned only when the write quorum was met.</summary>
public sealed record RegistrationReport(
    KeyId KeyId,
    IReadOnlyList<string> StoredOn,
    IReadOnlyList<NodeFailure> Failed,
    IReadOnlyList<UndeliveredShare> Undelivered)
{
    /// <summary>Whether every node holds its share.</summary>
    public bool Complete => Failed.Count == 0;
}

using Hydra.Keystore.Contract;
namespace Hydra.Cluster;

/// <summary>One key of a batch fetch: the rebuilt key, or why it could not be rebuilt.</summary>
public sealed record KeyFetchResult(KeyId KeyId, FetchedKey? Key, ClusterException? Error);

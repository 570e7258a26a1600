using Hydra.Cluster;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Ingest.Registration;

/// <summary>
/// Answers a key whose id the cluster already holds (registered by an earlier attempt that did not finish, such as a
/// crash before the acknowledgement) with that existing key: the bridge owns it, and ciphertext written before under
/// the same id must stay readable.
/// </summary>
internal sealed class KeyConflictResolver
{
    private readonly Func<KeyId, CancellationToken, Task<byte[]>> _fetchExisting;
    private readonly ILogger _logger;

    /// <param name="fetchExisting">Rebuilds the key registered under an id; the returned copy goes to the caller.</param>
    public KeyConflictResolver(Func<KeyId, CancellationToken, Task<byte[]>> fetchExisting, ILogger logger)
    {
        _fetchExisting = fetchExisting;
        _logger = logger;
    }

    /// <summary>Fetches existing keys from <paramref name="cluster"/>, each as a copy its caller owns.</summary>
    public static Func<KeyId, CancellationToken, Task<byte[]>> FetchFrom(KeystoreCluster cluster) => async (keyId, cancellationToken) =>
    {
        using var existing = await cluster.GetKeyAsync(keyId, cancellationToken);
        return existing.Key.ToArray();
    };

    /// <summary>Answers <paramref name="pending"/> with the key already registered under its id, or with why it could not be had.</summary>
    /// <param name="lifetime">The registrar's lifetime.</param>
    public async Task ResolveAsync(PendingKey pending, CancellationToken lifetime)
    {
        // Only this caller waits for this fetch, so its own cancellation may end it, as may the registrar stopping.
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(pending.CallerCancellation, lifetime);
        try
        {
            var existing = await _fetchExisting(pending.Registration.KeyId, cancellation.Token);
            BridgeLog.ExistingKeyReused(_logger, pending.Registration.KeyId.Value);
            pending.Complete(existing);
        }
        catch (Exception ex)
        {
            pending.Fail(ex);
        }
    }
}

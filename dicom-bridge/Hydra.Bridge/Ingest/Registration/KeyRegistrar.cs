using Hydra.Access;
using Hydra.Bridge.Handoff;
using Hydra.Bridge.Options;
using Hydra.Cluster;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Ingest.Registration;

/// <summary>
/// Registers image keys on the keystore cluster: keys are gathered into batches (<see cref="KeyBatcher"/>), each batch
/// is one call per node (<see cref="KeyBatchRegistration"/>), shares a down node missed are sealed and queued durably
/// (<see cref="HandoffQueue"/>), and a key id an earlier unfinished attempt registered yields that attempt's key
/// (<see cref="KeyConflictResolver"/>). Disposing sends what is queued and waits for it.
/// </summary>
internal sealed class KeyRegistrar : IAsyncDisposable
{
    private readonly KeyBatcher _batcher;

    public KeyRegistrar(KeystoreCluster cluster, HandoffQueue handoff, BridgeIngestOptions options, TimeProvider time, ILogger<KeyRegistrar> logger)
    {
        var conflicts = new KeyConflictResolver(KeyConflictResolver.FetchFrom(cluster), logger);
        var batches = new KeyBatchRegistration(cluster.TryRegisterKeysAsync, handoff.QueueUndeliveredAsync, conflicts);
        _batcher = new KeyBatcher(batches.RegisterAsync, options, time);
    }

    /// <summary>
    /// Registers <paramref name="key"/> under <paramref name="keyId"/>, or, when an earlier unfinished attempt already
    /// registered that key id, returns the key registered then (the bridge owns it), so the ciphertext matches.
    /// </summary>
    /// <param name="key">Copied at once: the caller may wipe it as soon as this returns or is cancelled.</param>
    /// <param name="cancellationToken">Ends the caller's wait; the batch its key joined goes on for the others in it.</param>
    public Task<byte[]> RegisterAsync(KeyId keyId, byte[] key, IReadOnlyList<AclEntry> acl, CancellationToken cancellationToken) =>
        _batcher.SubmitAsync(new PendingKey(keyId, key, acl, cancellationToken));

    public ValueTask DisposeAsync() => _batcher.DisposeAsync();
}

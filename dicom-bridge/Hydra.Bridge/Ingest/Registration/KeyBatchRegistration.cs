using Hydra.Cluster;

namespace Hydra.Bridge.Ingest.Registration;

/// <summary>
/// Registers one batch of keys on the cluster (one call per node) and answers each caller. A key is reported
/// registered only once the write quorum acknowledged it durably and every share a node missed is queued durably;
/// a key id an earlier attempt registered goes to the <see cref="KeyConflictResolver"/>; any other key fails with why.
/// </summary>
internal sealed class KeyBatchRegistration
{
    private readonly Func<IReadOnlyList<KeyRegistration>, CancellationToken, Task<IReadOnlyList<KeyRegistrationResult>>> _register;
    private readonly Func<IReadOnlyList<KeyRegistration>, IReadOnlyList<KeyRegistrationResult>, CancellationToken, Task> _queueUndelivered;
    private readonly KeyConflictResolver _conflicts;

    /// <param name="register">Registers the keys and reports each on its own (<see cref="KeystoreCluster.TryRegisterKeysAsync"/>).</param>
    /// <param name="queueUndelivered">Keeps durably the shares the results report undelivered, returning once they are on disk.</param>
    public KeyBatchRegistration(
        Func<IReadOnlyList<KeyRegistration>, CancellationToken, Task<IReadOnlyList<KeyRegistrationResult>>> register,
        Func<IReadOnlyList<KeyRegistration>, IReadOnlyList<KeyRegistrationResult>, CancellationToken, Task> queueUndelivered,
        KeyConflictResolver conflicts)
    {
        _register = register;
        _queueUndelivered = queueUndelivered;
        _conflicts = conflicts;
    }

    /// <summary>Registers <paramref name="batch"/> and answers every key in it; throws (answering none) when the batch failed as a whole.</summary>
    /// <param name="cancellationToken">The registrar's lifetime: the batch serves many callers, so no one caller may cancel it.</param>
    public async Task RegisterAsync(IReadOnlyList<PendingKey> batch, CancellationToken cancellationToken)
    {
        var registrations = batch.Select(p => p.Registration).ToList();
        var results = await _register(registrations, cancellationToken);
        // Before any caller hears back: a share kept only in memory would be lost with a crash, and with it the
        // node's copy of an image key that is already in use.
        await _queueUndelivered(registrations, results, cancellationToken);
        var conflicts = new List<Task>();
        for (var i = 0; i < batch.Count; i++)
        {
            var result = results[i];
            if (result.Report is not null)
            {
                batch[i].CompleteRegistered();
            }
            else if (result.AlreadyRegistered)
            {
                conflicts.Add(_conflicts.ResolveAsync(batch[i], cancellationToken));
            }
            else
            {
                batch[i].Fail(result.Error!);
            }
        }

        await Task.WhenAll(conflicts);
    }
}

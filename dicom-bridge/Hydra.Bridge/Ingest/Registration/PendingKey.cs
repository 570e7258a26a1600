using System.Security.Cryptography;
using Hydra.Access;
using Hydra.Cluster;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Ingest.Registration;

/// <summary>
/// A key waiting for its batch: the registrar's own copy of the key (so a caller that gives up and wipes its key
/// cannot change a key a batch in flight is still splitting), the caller's cancellation, which covers only the
/// caller's own wait, and the answer the caller waits for.
/// </summary>
internal sealed class PendingKey
{
    private readonly byte[] _key;
    private readonly TaskCompletionSource<byte[]> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PendingKey(KeyId keyId, ReadOnlySpan<byte> key, IReadOnlyList<AclEntry> acl, CancellationToken callerCancellation)
    {
        _key = key.ToArray();
        Registration = new KeyRegistration(keyId, _key, acl);
        CallerCancellation = callerCancellation;
    }

    /// <summary>What goes to the cluster; its key is the registrar's copy, zero once <see cref="Wipe"/> ran.</summary>
    public KeyRegistration Registration { get; }

    public CancellationToken CallerCancellation { get; }

    /// <summary>The key to encrypt with (the caller's to wipe), or why there is none.</summary>
    public Task<byte[]> Answer => _answer.Task;

    /// <summary>Answers with the registered key: this key, or the one an earlier attempt registered under its id.</summary>
    public void Complete(byte[] key)
    {
        // A caller that gave up, or a key answered already: nobody would take (and wipe) this copy.
        if (CallerCancellation.IsCancellationRequested || !_answer.TrySetResult(key))
        {
            CryptographicOperations.ZeroMemory(key);
            _answer.TrySetCanceled(CallerCancellation);
        }
    }

    /// <summary>Completes with the registrar's key; the copy handed out outlives <see cref="Wipe"/>.</summary>
    public void CompleteRegistered() => Complete(_key.ToArray());

    public void Fail(Exception error) => _answer.TrySetException(error);

    /// <summary>Answers a caller that gave up before its batch left: its key is not registered.</summary>
    public void Cancel() => _answer.TrySetCanceled(CallerCancellation);

    public void Wipe() => CryptographicOperations.ZeroMemory(_key);
}

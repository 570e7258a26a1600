using Hydra.Bridge.Ingest.Registration;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Channels;
using Hydra.Sharing;
using Hydra.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hydra.Bridge.Tests.Ingest;

/// <summary>
/// One batch against stand-ins for the cluster, the hand-off queue and the existing-key fetch: the order callers hear
/// back in, and how a key id registered by an earlier attempt is resolved.
/// </summary>
public sealed class KeyBatchRegistrationTests
{
    private static readonly KeyId First = KeyId.Parse("quarantine:first");
    private static readonly KeyId Second = KeyId.Parse("quarantine:second");
    private readonly List<KeyId> _fetched = [];
    private readonly TaskCompletionSource _handoffGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _handoffStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<KeyRegistrationResult>? _queued;
    private CancellationToken _registeredUnder;

    [Fact]
    public async Task SharesANodeMissed_AreQueuedBeforeAnyCallerHearsItsKeyIsRegistered()
    {
        // Arrange: the first key reached the quorum but not node3.
        var batch = new[] { Pending(First, 1), Pending(Second, 2) };
        var results = new[] { Registered(First, missedBy: "node3"), Registered(Second) };
        using var lifetime = new CancellationTokenSource();

        // Act: the hand-off write is held until the answers have been looked at.
        var registering = Registration(results).RegisterAsync(batch, lifetime.Token);
        await _handoffStarted.Task.DefaultTimeout();
        var answeredEarly = batch.Any(p => p.Answer.IsCompleted);
        _handoffGate.SetResult();
        await registering.DefaultTimeout();

        // Assert
        Assert.False(answeredEarly);
        Assert.Same(results, _queued);
        Assert.Equal(lifetime.Token, _registeredUnder);
        Assert.Equal(KeyBytes(1), await batch[0].Answer.DefaultTimeout());
        Assert.Equal(KeyBytes(2), await batch[1].Answer.DefaultTimeout());
    }

    [Fact]
    public async Task HandoffWriteFails_NoCallerHearsItsKeyIsRegistered()
    {
        var batch = new[] { Pending(First, 1) };
        var registration = new KeyBatchRegistration(
            (_, _) => Task.FromResult<IReadOnlyList<KeyRegistrationResult>>([Registered(First, missedBy: "node3")]),
            (_, _, _) => throw new IOException("disk full"),
            Resolver());

        await Assert.ThrowsAsync<IOException>(() => registration.RegisterAsync(batch, CancellationToken.None)).DefaultTimeout();

        Assert.False(batch[0].Answer.IsCompleted);
    }

    [Fact]
    public async Task KeyIdRegisteredByAnEarlierAttempt_CallerGetsTheExistingKey_OthersTheirOwn()
    {
        _handoffGate.SetResult();
        var batch = new[] { Pending(First, 1), Pending(Second, 2) };

        await Registration([Registered(First), AlreadyRegistered(Second)], existing: KeyBytes(42))
            .RegisterAsync(batch, CancellationToken.None).DefaultTimeout();

        Assert.Equal(KeyBytes(1), await batch[0].Answer.DefaultTimeout());
        Assert.Equal(KeyBytes(42), await batch[1].Answer.DefaultTimeout());
        Assert.Equal([Second], _fetched);
    }

    [Fact]
    public async Task ExistingKeyCannotBeFetched_OnlyThatCallerHearsWhy()
    {
        _handoffGate.SetResult();
        var batch = new[] { Pending(First, 1), Pending(Second, 2) };
        var registration = new KeyBatchRegistration(
            (_, _) => Task.FromResult<IReadOnlyList<KeyRegistrationResult>>([Registered(First), AlreadyRegistered(Second)]),
            (_, _, _) => Task.CompletedTask,
            Resolver((_, _) => throw new ClusterException("fewer than 2 valid shares")));

        await registration.RegisterAsync(batch, CancellationToken.None).DefaultTimeout();

        Assert.Equal(KeyBytes(1), await batch[0].Answer.DefaultTimeout());
        var error = await Assert.ThrowsAsync<ClusterException>(() => batch[1].Answer).DefaultTimeout();
        Assert.Equal("fewer than 2 valid shares", error.Message);
    }

    [Fact]
    public async Task ExistingKeyFetch_IsCancelledByItsCaller_WithoutCancellingTheRegistrar()
    {
        using var giveUp = new CancellationTokenSource();
        using var lifetime = new CancellationTokenSource();
        var fetchStarted = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = new PendingKey(Second, KeyBytes(2), [], giveUp.Token);
        var resolver = Resolver(async (_, token) =>
        {
            fetchStarted.SetResult(token);
            await Task.Delay(Timeout.Infinite, token);
            return KeyBytes(42);
        });

        var resolving = resolver.ResolveAsync(pending, lifetime.Token);
        var fetchToken = await fetchStarted.Task.DefaultTimeout();
        await giveUp.CancelAsync();
        await resolving.DefaultTimeout();

        Assert.True(fetchToken.IsCancellationRequested);
        Assert.False(lifetime.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.Answer).DefaultTimeout();
    }

    [Fact]
    public async Task WriteQuorumMissed_CallerHearsTheClusterError()
    {
        _handoffGate.SetResult();
        var batch = new[] { Pending(First, 1) };
        var missed = new KeyRegistrationResult(First, null, new ClusterException(
            "stored on 1 of 3 nodes", [new NodeFailure("node2", NodeFailureKind.Unavailable, "down"), new NodeFailure("node3", NodeFailureKind.Unavailable, "down")]));

        await Registration([missed]).RegisterAsync(batch, CancellationToken.None).DefaultTimeout();

        var error = await Assert.ThrowsAsync<ClusterException>(() => batch[0].Answer).DefaultTimeout();
        Assert.Same(missed.Error, error);
        Assert.Empty(_fetched);
    }

    private KeyBatchRegistration Registration(IReadOnlyList<KeyRegistrationResult> results, byte[]? existing = null) => new(
        (_, token) =>
        {
            _registeredUnder = token;
            return Task.FromResult(results);
        },
        async (_, queued, _) =>
        {
            _queued = queued;
            _handoffStarted.TrySetResult();
            await _handoffGate.Task;
        },
        Resolver((keyId, _) =>
        {
            _fetched.Add(keyId);
            return Task.FromResult(existing ?? throw new InvalidOperationException("No existing key in this test."));
        }));

    private static KeyConflictResolver Resolver(Func<KeyId, CancellationToken, Task<byte[]>>? fetch = null) =>
        new(fetch ?? ((_, _) => throw new InvalidOperationException("No existing key in this test.")), NullLogger.Instance);

    private static PendingKey Pending(KeyId keyId, int n) => new(keyId, KeyBytes(n), [], CancellationToken.None);

    private static KeyRegistrationResult Registered(KeyId keyId, string? missedBy = null)
    {
        var shares = KeySplitter.Split(keyId, new byte[32], 3, 2);
        IReadOnlyList<UndeliveredShare> undelivered = missedBy is null ? [] : [new UndeliveredShare(new ClusterNode(missedBy, "127.0.0.1:1"), shares[2])];
        return new KeyRegistrationResult(keyId, new RegistrationReport(keyId, ["node1", "node2"], [], undelivered), null);
    }

    private static KeyRegistrationResult AlreadyRegistered(KeyId keyId) => new(keyId, null, new ClusterException(
        "already registered", [.. new[] { "node1", "node2", "node3" }.Select(n => new NodeFailure(n, NodeFailureKind.AlreadyExists, "exists"))]));

    private static byte[] KeyBytes(int n) => Enumerable.Repeat((byte)n, 32).ToArray();
}

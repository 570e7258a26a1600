using System.Security.Cryptography;
using Hydra.Bridge.Ingest.Registration;
using Hydra.Keystore.Contract;
using Hydra.Testing;

namespace Hydra.Bridge.Tests.Ingest;

/// <summary>The registrar's copy of a key waiting for its batch, and how it is wiped.</summary>
public sealed class PendingKeyTests
{
    [Fact]
    public async Task CallerWipesItsKey_RegistrationKeepsItsOwnCopy_AndTheAnswerOutlivesTheWipe()
    {
        var callers = Enumerable.Repeat((byte)7, 32).ToArray();
        var pending = new PendingKey(KeyId.Parse("ingest:k7"), callers, [], CancellationToken.None);

        CryptographicOperations.ZeroMemory(callers);
        var registered = pending.Registration.Key.ToArray();
        pending.CompleteRegistered();
        pending.Wipe();
        var answer = await pending.Answer.DefaultTimeout();

        Assert.All(registered, b => Assert.Equal(7, b));
        Assert.All(answer, b => Assert.Equal(7, b));
        Assert.All(pending.Registration.Key.ToArray(), b => Assert.Equal(0, b));
    }

    [Fact]
    public async Task CallerGaveUp_KeyAnsweredLater_IsWipedNotHandedOut()
    {
        using var giveUp = new CancellationTokenSource();
        var pending = new PendingKey(KeyId.Parse("quarantine:q1"), new byte[32], [], giveUp.Token);
        var existing = Enumerable.Repeat((byte)9, 32).ToArray();

        await giveUp.CancelAsync();
        pending.Complete(existing);

        Assert.All(existing, b => Assert.Equal(0, b));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.Answer).DefaultTimeout();
    }
}

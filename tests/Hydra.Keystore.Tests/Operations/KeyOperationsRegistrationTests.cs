using Hydra.Access;
using Hydra.CertsDev;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Operations;
using Hydra.Keystore.Options;
using Hydra.Keystore.Security;
using Hydra.Keystore.Tests.Support;
using Hydra.Sharing;
using Microsoft.Extensions.Time.Testing;

namespace Hydra.Keystore.Tests.Operations;

/// <summary>
/// Registering shares on the writer: who may, what envelope is accepted, and that a share is never replaced; and how
/// the envelope of a registration is read (given as is, or sealed to this node's host certificate).
/// </summary>
[Collection(UnitPki.Collection)]
public sealed class KeyOperationsRegistrationTests : IDisposable
{
    private readonly DevPki _pki;
    private readonly FakeTimeProvider _clock = NodeStore.NewClock();
    private readonly NodeStore _node;
    private readonly KeyOperations _operations;

    public KeyOperationsRegistrationTests(UnitPki fixture)
    {
        _pki = fixture.Pki;
        _node = new NodeStore(_clock);
        _operations = TestKeyOperations.Create(_pki);
    }

    private static ShareEnvelope NewShare(string keyId) => TestKeyOperations.NewShare(keyId);

    private Task<RegistrationResult> RegisterAsync(CallerIdentity caller, string keyId, byte[] envelope, params AclEntry[] acl) =>
        _node.RunAsync(t => _operations.Register(t, caller, keyId, envelope, acl));

    private static Task<KeystoreException> RefusedAsync(Func<Task> action) => Assert.ThrowsAsync<KeystoreException>(action);

    [Fact]
    public async Task Register_ByCreator_StoresEnvelopeWithCallerAsOwner()
    {
        // Arrange
        var envelope = NewShare("study-1").ToBytes();
        var grant = AclEntry.For(Callers.Reader.Dn(), KeyPermissions.GetShare);

        // Act
        var result = await RegisterAsync(Callers.Clinician, "study-1", envelope, grant);

        // Assert
        Assert.Equal(RegistrationResult.Stored, result);
        var stored = _node.Store.FindKey("study-1");
        Assert.NotNull(stored);
        Assert.True(stored.Sealed);
        Assert.NotEqual(envelope, stored.StoredEnvelope);
        Assert.Equal(envelope, _node.Envelope("study-1"));
        Assert.Equal(Callers.Clinician.Principal, stored.Acl.Owner);
        Assert.Equal([grant], stored.Acl.Entries);
        Assert.Equal(1, stored.Acl.Version);
        Assert.Equal(Callers.Clinician.SubjectText, stored.CreatedBy);
        Assert.Equal(_clock.GetUtcNow(), stored.Created, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task Register_ByCallerWithoutCreatorRole_IsDeniedAndStoresNothing()
    {
        var error = await RefusedAsync(() => RegisterAsync(Callers.Reader, "study-2", NewShare("study-2").ToBytes()));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Contains(Callers.Reader.SubjectText, error.Message, StringComparison.Ordinal);
        Assert.Null(_node.Store.FindKey("study-2"));
    }

    [Fact]
    public async Task Register_WithNoCreatorsConfigured_AnyFullCredentialMay()
    {
        var open = TestKeyOperations.Create(_pki, NodeRoles.From(new KeystoreRoleOptions()));

        var result = await _node.RunAsync(t => open.Register(t, Callers.Researcher, "study-3", NewShare("study-3").ToBytes(), []));

        Assert.Equal(RegistrationResult.Stored, result);
        Assert.Equal(Callers.Researcher.Principal, _node.Store.FindKey("study-3")?.Acl.Owner);
    }

    [Fact]
    public async Task Register_ThroughLimitedProxyOfCreator_IsDenied()
    {
        var error = await RefusedAsync(() => RegisterAsync(Callers.Clinician.AsLimitedProxy(), "study-4", NewShare("study-4").ToBytes()));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Contains("limited proxy", error.Message, StringComparison.Ordinal);
        Assert.Null(_node.Store.FindKey("study-4"));
    }

    [Fact]
    public async Task Register_MalformedEnvelope_IsInvalidArgument()
    {
        var error = await RefusedAsync(() => RegisterAsync(Callers.Clinician, "study-5", [1, 2, 3, 4]));

        Assert.Equal(KeystoreError.InvalidArgument, error.Error);
        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
        Assert.Null(_node.Store.FindKey("study-5"));
    }

    [Fact]
    public async Task Register_EnvelopeOfAnotherKey_IsInvalidArgument()
    {
        var error = await RefusedAsync(() => RegisterAsync(Callers.Clinician, "study-6", NewShare("study-other").ToBytes()));

        Assert.Equal(KeystoreError.InvalidArgument, error.Error);
        Assert.Contains("'study-other', not 'study-6'", error.Message, StringComparison.Ordinal);
        Assert.Null(_node.Store.FindKey("study-6"));
        Assert.Null(_node.Store.FindKey("study-other"));
    }

    [Fact]
    public async Task Register_SameEnvelopeAgain_IsAlreadyPresent_AndChangesNothing()
    {
        var envelope = NewShare("study-7").ToBytes();
        await RegisterAsync(Callers.Clinician, "study-7", envelope, AclEntry.For(Callers.Reader.Dn(), KeyPermissions.GetShare));

        // A retry (the client did not hear the first answer), even one naming another ACL, keeps what is stored.
        var again = await RegisterAsync(Callers.Clinician, "study-7", envelope, AclEntry.For("any", KeyPermissions.GetShare));

        Assert.Equal(RegistrationResult.AlreadyPresent, again);
        var stored = _node.Store.FindKey("study-7")!;
        Assert.Equal(1, stored.Acl.Version);
        Assert.Equal([AclEntry.For(Callers.Reader.Dn(), KeyPermissions.GetShare)], stored.Acl.Entries);
    }

    [Fact]
    public async Task Register_DifferentShareForRegisteredKey_IsAlreadyExists_AndKeepsTheFirst()
    {
        var first = NewShare("study-8").ToBytes();
        await RegisterAsync(Callers.Clinician, "study-8", first);

        var error = await RefusedAsync(() => RegisterAsync(Callers.Clinician, "study-8", NewShare("study-8").ToBytes()));

        Assert.Equal(KeystoreError.AlreadyExists, error.Error);
        Assert.Equal(first, _node.Envelope("study-8"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/in/it")]
    public void RequireKeyId_InvalidId_IsInvalidArgument(string keyId)
    {
        var error = Assert.Throws<KeystoreException>(() => KeyOperations.RequireKeyId(keyId));

        Assert.Equal(KeystoreError.InvalidArgument, error.Error);
    }

    [Fact]
    public void RequireKeyId_LongInvalidId_IsCutInTheMessage()
    {
        var error = Assert.Throws<KeystoreException>(() => KeyOperations.RequireKeyId(new string('x', 500) + " "));

        Assert.DoesNotContain(new string('x', 65), error.Message, StringComparison.Ordinal);
        Assert.Contains(new string('x', 64) + "...", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvelopeOf_PlainEnvelope_IsReturnedAsGiven()
    {
        var envelope = NewShare("study-9").ToBytes();

        Assert.Equal(envelope, _operations.EnvelopeOf("study-9", envelope, ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public async Task EnvelopeOf_SealedToThisNode_IsOpenedAndRegisters()
    {
        var share = NewShare("study-10");
        var sealedEnvelope = SealedEnvelopes.Seal(share, _pki.Host("node1").Certificate);

        var opened = _operations.EnvelopeOf("study-10", ReadOnlySpan<byte>.Empty, sealedEnvelope);
        var result = await RegisterAsync(Callers.Clinician, "study-10", opened);

        Assert.Equal(share.ToBytes(), opened);
        Assert.Equal(RegistrationResult.Stored, result);
    }

    [Fact]
    public void EnvelopeOf_SealedToAnotherNode_IsInvalidArgument()
    {
        var sealedEnvelope = SealedEnvelopes.Seal(NewShare("study-11"), _pki.Host("node2").Certificate);

        var error = Assert.Throws<KeystoreException>(() => _operations.EnvelopeOf("study-11", ReadOnlySpan<byte>.Empty, sealedEnvelope));

        Assert.Equal(KeystoreError.InvalidArgument, error.Error);
        Assert.StartsWith("Key 'study-11': ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnvelopeOf_AlteredSealedEnvelope_IsInvalidArgument()
    {
        var sealedEnvelope = SealedEnvelopes.Seal(NewShare("study-12"), _pki.Host("node1").Certificate);
        sealedEnvelope[^1] ^= 0x01;

        var error = Assert.Throws<KeystoreException>(() => _operations.EnvelopeOf("study-12", ReadOnlySpan<byte>.Empty, sealedEnvelope));

        Assert.Equal(KeystoreError.InvalidArgument, error.Error);
    }

    [Fact]
    public void EnvelopeOf_PlainAndSealedBothGiven_IsInvalidArgument()
    {
        var share = NewShare("study-13");
        var sealedEnvelope = SealedEnvelopes.Seal(share, _pki.Host("node1").Certificate);

        var error = Assert.Throws<KeystoreException>(() => _operations.EnvelopeOf("study-13", share.ToBytes(), sealedEnvelope));

        Assert.Equal(KeystoreError.InvalidArgument, error.Error);
        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _node.Dispose();
}

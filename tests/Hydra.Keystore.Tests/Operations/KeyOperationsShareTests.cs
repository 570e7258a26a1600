using Hydra.Access;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Operations;
using Hydra.Keystore.Tests.Support;

namespace Hydra.Keystore.Tests.Operations;

/// <summary>Releasing and deleting a key on the writer: by the key's ACL, administrators never given a share.</summary>
[Collection(UnitPki.Collection)]
public sealed class KeyOperationsShareTests : IDisposable
{
    private static readonly AclEntry RadiologyReads = AclEntry.For("fqan:/hospital/radiology", KeyPermissions.GetShare);

    private readonly NodeStore _node = new(NodeStore.NewClock());
    private readonly KeyOperations _operations;

    public KeyOperationsShareTests(UnitPki fixture)
    {
        _operations = TestKeyOperations.Create(fixture.Pki);
    }

    private Task<byte[]> GetShareAsync(CallerIdentity caller, string keyId) => _node.RunAsync(t => _operations.GetShare(t, caller, keyId));

    private Task<bool> DeleteAsync(CallerIdentity caller, string keyId) => _node.RunAsync(t =>
    {
        _operations.Delete(t, caller, keyId);
        return true;
    });

    private static Task<KeystoreException> RefusedAsync(Func<Task> action) => Assert.ThrowsAsync<KeystoreException>(action);

    [Fact]
    public async Task GetShare_CallerGrantedByFqan_ReceivesTheEnvelope()
    {
        var envelope = await _node.RegisterAsync(_operations, Callers.Clinician, "share-1", RadiologyReads);

        var released = await GetShareAsync(Callers.Reader, "share-1");

        Assert.Equal(envelope, released);
    }

    [Fact]
    public async Task GetShare_Owner_ReceivesTheEnvelopeWithoutAnEntry()
    {
        var envelope = await _node.RegisterAsync(_operations, Callers.Clinician, "share-2");

        Assert.Equal(envelope, await GetShareAsync(Callers.Clinician, "share-2"));
    }

    [Fact]
    public async Task GetShare_LimitedProxyOfGrantedReader_ReceivesTheEnvelope()
    {
        var envelope = await _node.RegisterAsync(_operations, Callers.Clinician, "share-3", RadiologyReads);

        Assert.Equal(envelope, await GetShareAsync(Callers.Reader.AsLimitedProxy(), "share-3"));
    }

    [Fact]
    public async Task GetShare_CallerWithoutGrant_IsDenied()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "share-4", RadiologyReads);

        var error = await RefusedAsync(() => GetShareAsync(Callers.Researcher, "share-4"));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Equal($"{Callers.Researcher.SubjectText} may not get the share of key 'share-4'.", error.Message);
    }

    [Fact]
    public async Task GetShare_GrantedByFqanButDeniedByDn_IsDenied()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "share-5",
            RadiologyReads, AclEntry.For(Callers.Reader.Dn(), KeyPermissions.GetShare, deny: true));

        var error = await RefusedAsync(() => GetShareAsync(Callers.Reader, "share-5"));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
    }

    [Fact]
    public async Task GetShare_Administrator_IsDeniedEvenWhenTheAclGrantsIt()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "share-6", AclEntry.For(Callers.Admin.Dn(), KeyPermissions.All));

        var error = await RefusedAsync(() => GetShareAsync(Callers.Admin, "share-6"));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Contains("administrator role, which never receives shares", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetShare_UnknownKey_IsNotFound()
    {
        var error = await RefusedAsync(() => GetShareAsync(Callers.Reader, "share-missing"));

        Assert.Equal(KeystoreError.NotFound, error.Error);
    }

    [Fact]
    public async Task Delete_Owner_RemovesTheKey()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "share-7");

        await DeleteAsync(Callers.Clinician, "share-7");

        Assert.Null(_node.Store.FindKey("share-7"));
        Assert.Equal(KeystoreError.NotFound, (await RefusedAsync(() => GetShareAsync(Callers.Clinician, "share-7"))).Error);
    }

    [Fact]
    public async Task Delete_Administrator_RemovesTheKey()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "share-8");

        await DeleteAsync(Callers.Admin, "share-8");

        Assert.Null(_node.Store.FindKey("share-8"));
    }

    [Fact]
    public async Task Delete_ReaderWithOnlyGetShare_IsDeniedAndTheKeyStays()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "share-9", RadiologyReads);

        var error = await RefusedAsync(() => DeleteAsync(Callers.Reader, "share-9"));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.NotNull(_node.Store.FindKey("share-9"));
    }

    [Fact]
    public async Task Delete_ThroughLimitedProxyOfOwner_IsDeniedAndTheKeyStays()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "share-10");

        var error = await RefusedAsync(() => DeleteAsync(Callers.Clinician.AsLimitedProxy(), "share-10"));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Contains("limited proxy", error.Message, StringComparison.Ordinal);
        Assert.NotNull(_node.Store.FindKey("share-10"));
    }

    [Fact]
    public async Task Delete_UnknownKey_IsNotFound()
    {
        var error = await RefusedAsync(() => DeleteAsync(Callers.Clinician, "share-missing"));

        Assert.Equal(KeystoreError.NotFound, error.Error);
    }

    public void Dispose() => _node.Dispose();
}

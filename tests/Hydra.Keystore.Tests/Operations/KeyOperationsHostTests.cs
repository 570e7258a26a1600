using Hydra.Access;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Operations;
using Hydra.Keystore.Options;
using Hydra.Keystore.Security;
using Hydra.Keystore.Tests.Support;

namespace Hydra.Keystore.Tests.Operations;

/// <summary>
/// Host credentials (services) act only in the roles configured for them: <c>any</c> never gives a node's own
/// credential its peers' shares, and an unconfigured creators list lets people, not hosts, register keys.
/// </summary>
[Collection(UnitPki.Collection)]
public sealed class KeyOperationsHostTests : IDisposable
{
    private readonly UnitPki _fixture;
    private readonly NodeStore _node = new(NodeStore.NewClock());
    private readonly KeyOperations _operations;

    public KeyOperationsHostTests(UnitPki fixture)
    {
        _fixture = fixture;
        _operations = TestKeyOperations.Create(fixture.Pki);
    }

    private Task<byte[]> GetShareAsync(CallerIdentity caller, string keyId) => _node.RunAsync(t => _operations.GetShare(t, caller, keyId));

    [Fact]
    public async Task GetShare_KeyGrantedToAny_IsRefusedToAHost_AndReleasedToAPerson()
    {
        var envelope = await _node.RegisterAsync(_operations, Callers.Clinician, "host-1", AclEntry.For("any", KeyPermissions.GetShare));

        var refused = await Assert.ThrowsAsync<KeystoreException>(() => GetShareAsync(Callers.Node2, "host-1"));

        Assert.Equal(KeystoreError.PermissionDenied, refused.Error);
        Assert.Equal(envelope, await GetShareAsync(Callers.Researcher, "host-1"));
    }

    [Fact]
    public async Task GetShare_HostNamedByDn_OrOwningTheKey_IsReleased()
    {
        var named = await _node.RegisterAsync(_operations, Callers.Clinician, "host-2", AclEntry.For(Callers.Node2.Dn(), KeyPermissions.GetShare));
        var owned = await _node.RegisterAsync(TestKeyOperations.Create(_fixture.Pki, NodeRoles.From(new KeystoreRoleOptions { Creators = [Callers.Node2.Dn()] })),
            Callers.Node2, "host-3");

        Assert.Equal(named, await GetShareAsync(Callers.Node2, "host-2"));
        Assert.Equal(owned, await GetShareAsync(Callers.Node2, "host-3"));
    }

    [Fact]
    public async Task Register_WithNoCreatorsConfigured_AHostMayNot()
    {
        var open = TestKeyOperations.Create(_fixture.Pki, NodeRoles.From(new KeystoreRoleOptions()));

        var refused = await Assert.ThrowsAsync<KeystoreException>(() => _node.RegisterAsync(open, Callers.Node2, "host-4"));

        Assert.Equal(KeystoreError.PermissionDenied, refused.Error);
        Assert.Null(_node.Store.FindKey("host-4"));
    }

    public void Dispose() => _node.Dispose();
}

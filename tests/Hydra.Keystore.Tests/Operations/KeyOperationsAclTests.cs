using Hydra.Access;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Operations;
using Hydra.Keystore.Tests.Support;

namespace Hydra.Keystore.Tests.Operations;

/// <summary>
/// Reading and changing ACLs on the writer: the owner can never lock itself out, administrators may only restrict,
/// and a change names the version it was made against.
/// </summary>
[Collection(UnitPki.Collection)]
public sealed class KeyOperationsAclTests : IDisposable
{
    private static readonly AclEntry RadiologyReads = AclEntry.For("fqan:/hospital/radiology", KeyPermissions.GetShare);
    private static readonly AclEntry ResearcherDenied = AclEntry.For(Callers.Researcher.Dn(), KeyPermissions.All, deny: true);

    private readonly NodeStore _node = new(NodeStore.NewClock());
    private readonly KeyOperations _operations;

    public KeyOperationsAclTests(UnitPki fixture)
    {
        _operations = TestKeyOperations.Create(fixture.Pki);
    }

    private Task<KeyAcl> GetAclAsync(CallerIdentity caller, string keyId) => _node.RunAsync(t => _operations.GetAcl(t, caller, keyId));

    private Task<KeyAcl> SetAclAsync(CallerIdentity caller, string keyId, long expectedVersion, params AclEntry[] entries) =>
        _node.RunAsync(t => _operations.SetAcl(t, caller, keyId, entries, expectedVersion).Acl);

    private Task<byte[]> GetShareAsync(CallerIdentity caller, string keyId) => _node.RunAsync(t => _operations.GetShare(t, caller, keyId));

    private static Task<KeystoreException> RefusedAsync(Func<Task> action) => Assert.ThrowsAsync<KeystoreException>(action);

    private KeyAcl Stored(string keyId) => _node.Store.FindKey(keyId)!.Acl;

    [Fact]
    public async Task GetAcl_OwnerAndAdministrator_ReadIt()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "acl-1", RadiologyReads);

        var byOwner = await GetAclAsync(Callers.Clinician, "acl-1");
        var byAdministrator = await GetAclAsync(Callers.Admin, "acl-1");

        Assert.Equal(Callers.Clinician.Principal, byOwner.Owner);
        Assert.Equal([RadiologyReads], byOwner.Entries);
        Assert.Equal([RadiologyReads], byAdministrator.Entries);
    }

    [Fact]
    public async Task GetAcl_CallerWithoutReadAcl_IsDenied()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "acl-2", RadiologyReads);

        var error = await RefusedAsync(() => GetAclAsync(Callers.Reader, "acl-2"));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Contains("read the ACL of key 'acl-2'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetAcl_Owner_ReplacesTheEntriesAndBumpsTheVersion()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "acl-3", RadiologyReads);

        var changed = await SetAclAsync(Callers.Clinician, "acl-3", 1, ResearcherDenied);

        Assert.Equal(2, changed.Version);
        Assert.Equal([ResearcherDenied], changed.Entries);
        Assert.Equal(Callers.Clinician.Principal, changed.Owner);
        Assert.Equal([ResearcherDenied], Stored("acl-3").Entries);
        Assert.Equal(2, Stored("acl-3").Version);
    }

    [Fact]
    public async Task SetAcl_OwnerDenyingItselfEverything_KeepsReadAndWriteAcl()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "acl-4");
        var lockOut = AclEntry.For(Callers.Clinician.Dn(), KeyPermissions.All, deny: true);

        await SetAclAsync(Callers.Clinician, "acl-4", 0, lockOut);

        // The deny takes the share away, but the owner can still read the ACL and undo the change.
        Assert.Equal(KeystoreError.PermissionDenied, (await RefusedAsync(() => GetShareAsync(Callers.Clinician, "acl-4"))).Error);
        Assert.Equal([lockOut], (await GetAclAsync(Callers.Clinician, "acl-4")).Entries);
        var restored = await SetAclAsync(Callers.Clinician, "acl-4", 2);
        Assert.Empty(restored.Entries);
        Assert.NotEmpty(await GetShareAsync(Callers.Clinician, "acl-4"));
    }

    [Fact]
    public async Task SetAcl_CallerGrantedWriteAcl_MayWidenAccess()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "acl-5", AclEntry.For(Callers.Reader.Dn(), KeyPermissions.WriteAcl));
        var widened = AclEntry.For(Callers.Researcher.Dn(), KeyPermissions.GetShare);

        var changed = await SetAclAsync(Callers.Reader, "acl-5", 1, widened);

        Assert.Equal([widened], changed.Entries);
    }

    [Fact]
    public async Task SetAcl_WriteAclGrantedToAny_GrantsNothing()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "acl-6", AclEntry.For("any", KeyPermissions.All));

        var error = await RefusedAsync(() => SetAclAsync(Callers.Researcher, "acl-6", 1));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Single(Stored("acl-6").Entries);
    }

    [Fact]
    public async Task SetAcl_AdministratorRestricting_IsAllowed()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "acl-7", RadiologyReads);

        // Dropping a grant and adding a deny both only take access away.
        var changed = await SetAclAsync(Callers.Admin, "acl-7", 1, ResearcherDenied);

        Assert.Equal([ResearcherDenied], changed.Entries);
        Assert.Equal(2, changed.Version);
        Assert.Equal(Callers.Clinician.Principal, changed.Owner);
    }

    [Fact]
    public async Task SetAcl_AdministratorGranting_IsDeniedAndChangesNothing()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "acl-8", RadiologyReads);

        var error = await RefusedAsync(() =>
            SetAclAsync(Callers.Admin, "acl-8", 1, RadiologyReads, AclEntry.For(Callers.Researcher.Dn(), KeyPermissions.GetShare)));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Contains("may only restrict", error.Message, StringComparison.Ordinal);
        Assert.Equal([RadiologyReads], Stored("acl-8").Entries);
        Assert.Equal(1, Stored("acl-8").Version);
    }

    [Fact]
    public async Task SetAcl_AdministratorDroppingADeny_IsDenied()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "acl-9", RadiologyReads, ResearcherDenied);

        var error = await RefusedAsync(() => SetAclAsync(Callers.Admin, "acl-9", 1, RadiologyReads));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Equal([RadiologyReads, ResearcherDenied], Stored("acl-9").Entries);
    }

    [Fact]
    public async Task SetAcl_CallerWithoutWriteAcl_IsDenied()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "acl-10", AclEntry.For(Callers.Reader.Dn(), KeyPermissions.GetShare | KeyPermissions.ReadAcl));

        var error = await RefusedAsync(() => SetAclAsync(Callers.Reader, "acl-10", 1));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Equal($"{Callers.Reader.SubjectText} may not change the ACL of key 'acl-10'.", error.Message);
    }

    [Fact]
    public async Task SetAcl_ThroughLimitedProxyOfOwner_IsDenied()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "acl-11", RadiologyReads);

        var error = await RefusedAsync(() => SetAclAsync(Callers.Clinician.AsLimitedProxy(), "acl-11", 1));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Equal([RadiologyReads], Stored("acl-11").Entries);
    }

    [Fact]
    public async Task SetAcl_StaleExpectedVersion_IsFailedPreconditionAndChangesNothing()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "acl-12", RadiologyReads);
        await SetAclAsync(Callers.Clinician, "acl-12", 1, RadiologyReads, ResearcherDenied);

        var error = await RefusedAsync(() => SetAclAsync(Callers.Clinician, "acl-12", 1));

        Assert.Equal(KeystoreError.FailedPrecondition, error.Error);
        Assert.Contains("version 2, not 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Stored("acl-12").Version);
        Assert.Equal(2, Stored("acl-12").Entries.Count);
    }

    [Fact]
    public async Task SetAcl_ExpectedVersionZero_SkipsTheCheck()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "acl-13");
        await SetAclAsync(Callers.Clinician, "acl-13", 0, RadiologyReads);

        var changed = await SetAclAsync(Callers.Clinician, "acl-13", 0);

        Assert.Equal(3, changed.Version);
    }

    [Fact]
    public async Task SetAcl_StrangerWithStaleVersion_IsDeniedBeforeTheVersionIsChecked()
    {
        await _node.RegisterAsync(_operations, Callers.Clinician, "acl-14");

        // A caller that may not write learns nothing about the ACL, not even its version.
        var error = await RefusedAsync(() => SetAclAsync(Callers.Researcher, "acl-14", 7));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.DoesNotContain("version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetAcl_UnknownKey_IsNotFound()
    {
        var error = await RefusedAsync(() => SetAclAsync(Callers.Clinician, "acl-missing", 0));

        Assert.Equal(KeystoreError.NotFound, error.Error);
    }

    public void Dispose() => _node.Dispose();
}

using System.Security.Cryptography;
using Hydra.Access;
using Hydra.Audit;
using Hydra.Grid;
using Hydra.Keystore.Options;
using Hydra.Keystore.Sealing;
using Hydra.Keystore.Storage;
using Hydra.Sharing;
using Hydra.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hydra.Keystore.Tests.Storage;

/// <summary>A node's data file written before the assemblies were split opens, reads and keeps its audit chain growing.</summary>
public sealed class OldDataFileTests : IDisposable
{
    private static readonly CallerIdentity Caller = new(
        DistinguishedName.Parse("/DC=org/CN=Tester"), DistinguishedName.Parse("/DC=org/CN=CA"), [], 0, false, DateTimeOffset.MaxValue, "test");

    private readonly TempDirectory _folder = new("hydra-old-node");
    private readonly EnvelopeCipher _cipher = new(RandomNumberGenerator.GetBytes(EnvelopeCipher.KeySize));

    private string CopyFixture()
    {
        var path = _folder.Combine("keystore.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", "node1-9d6d599.db"), path);
        return path;
    }

    private KeystoreStore Open(KeystoreDatabase database) =>
        new(database, _cipher, "node1", new KeystoreStorageOptions(), TimeProvider.System, NullLogger.Instance);

    [Fact]
    public void OldFile_KeysAndAclsRead_EveryEnvelopeParsesForItsKey()
    {
        using var database = new KeystoreDatabase(CopyFixture());
        using var store = Open(database);

        var keys = store.ListKeys(string.Empty, string.Empty).ToList();

        Assert.Equal(64, keys.Count);
        Assert.All(keys, key =>
        {
            Assert.StartsWith("ingest:", key.KeyId, StringComparison.Ordinal);
            // Written before sealing: read in clear until the seal command seals it.
            Assert.False(key.Sealed);
            Assert.Equal(key.KeyId, ShareEnvelope.Parse(key.StoredEnvelope).KeyId.Value);
            Assert.Equal("/DC=org/DC=hydra-dev/O=Hydra/CN=bridge.hydra-dev.org", key.Acl.OwnerText);
            Assert.Contains(key.Acl.Entries, e => e.Principal.Canonical == "fqan:/hospital/radiology" && e.Permissions == KeyPermissions.GetShare);
        });
    }

    [Fact]
    public async Task OldFile_AuditChainVerifies_AndNewRecordsLinkToIt_AcrossAReopen()
    {
        var path = CopyFixture();
        using (var database = new KeystoreDatabase(path))
        using (var store = Open(database))
        {
            Assert.Equal(78, store.AuditHead.Length);
            Assert.Empty(AuditChainVerifier.Verify("node1", store.ReadAudit(1, 78), expectedHead: store.AuditHead).Problems);
            await store.ExecuteAsync(
                t => t.RunAudited(new AuditContext(Caller, "Test", string.Empty), () => true), CancellationToken.None).DefaultTimeout();
        }

        using var reopened = new KeystoreDatabase(path);
        using var again = Open(reopened);
        var trail = again.ReadAudit(1, 79);

        Assert.Equal(79, again.AuditHead.Length);
        Assert.Empty(AuditChainVerifier.Verify("node1", trail, expectedHead: again.AuditHead).Problems);
        Assert.Equal("Test", trail[^1].Operation);
    }

    public void Dispose()
    {
        _cipher.Dispose();
        _folder.Dispose();
    }
}

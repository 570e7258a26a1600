using Hydra.Access;
using Hydra.Bridge.Storage;
using Hydra.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Org.BouncyCastle.X509;

namespace Hydra.Bridge.Tests.Storage;

/// <summary>The bridge's data file written before the assemblies were split opens, and its catalogued rules still parse.</summary>
public sealed class OldDataFileTests : IDisposable
{
    private readonly TempDirectory _folder = new("hydra-old-bridge");

    [Fact]
    public async Task OldFile_CatalogAndNodeCertificatesRead_RulesParse_NewEntriesGoBeside()
    {
        var path = _folder.Combine("bridge.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", "bridge-9d6d599.db"), path);
        using var database = new BridgeDatabase(path);
        using var store = new BridgeStore(database, NullLogger.Instance);

        var catalog = store.CatalogEntries().ToList();
        var added = catalog[0] with { SopInstanceUid = "2.25.1", ObjectPath = "objects/new" };
        await store.AddCatalogEntryAsync(added, CancellationToken.None).DefaultTimeout();

        Assert.Equal(5, catalog.Count);
        Assert.Single(catalog.Select(e => e.StudyInstanceUid).Distinct());
        Assert.All(catalog, entry =>
        {
            Assert.StartsWith("ingest:", entry.KeyId, StringComparison.Ordinal);
            Assert.Equal("CT", entry.Modality);
            Assert.Contains(entry.Acl.Select(AclEntry.ParseRule), e => e.Principal.Canonical == "fqan:/hospital/radiology" && e.Permissions == KeyPermissions.GetShare);
        });
        Assert.All(["node1", "node2", "node3"], node => Assert.NotNull(new X509Certificate(store.NodeCertificate(node))));
        Assert.Equal(6, store.CatalogEntries().Count());
        Assert.Equal(6, store.StudyEntries(catalog[0].StudyInstanceUid).Count());
    }

    public void Dispose() => _folder.Dispose();
}

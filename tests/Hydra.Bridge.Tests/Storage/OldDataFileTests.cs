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
        using var store = new LiteDbBridgeStore(database, NullLogger.Instance);

        var catalog = (await store.CatalogEntriesAsync(CancellationToken.None)).ToList();
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
        foreach (var node in new[] { "node1", "node2", "node3" })
        {
            Assert.NotNull(new X509Certificate(await store.NodeCertificateAsync(node, CancellationToken.None)));
        }

        Assert.Equal(6, (await store.CatalogEntriesAsync(CancellationToken.None)).Count);
        Assert.Equal(6, (await store.StudyEntriesAsync(catalog[0].StudyInstanceUid, CancellationToken.None)).Count);
    }

    public void Dispose() => _folder.Dispose();
}

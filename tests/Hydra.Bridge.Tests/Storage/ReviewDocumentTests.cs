using Hydra.Bridge.Storage;
using Hydra.Dicom.Deidentification;
using Hydra.Testing;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hydra.Bridge.Tests.Storage;

/// <summary>
/// The officer-review fields are optional in BSON: documents written before them load (no regions, no decision, the
/// reason code from the reason's start), and new documents keep regions and decisions, never any text.
/// </summary>
public sealed class ReviewDocumentTests : IDisposable
{
    private readonly TempDirectory _folder = new("hydra-review-docs");

    [Fact]
    public async Task OldFile_CatalogEntriesLoadWithoutRegionsOrRelease()
    {
        // Arrange
        var path = _folder.Combine("old.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", "bridge-9d6d599.db"), path);
        using var database = new BridgeDatabase(path);
        using var store = new LiteDbBridgeStore(database, NullLogger.Instance);

        // Act
        var catalog = (await store.CatalogEntriesAsync(CancellationToken.None)).ToList();

        // Assert
        Assert.Equal(5, catalog.Count);
        Assert.All(catalog, e => Assert.Equal((0, null), (e.PixelRegions.Count, e.ReleasedBy)));
        Assert.Empty((await store.ReviewEntriesAsync(CancellationToken.None)));
    }

    [Fact]
    public async Task OldQuarantineDocument_Loads_CodeFromReason_NoRegionsNoDecision()
    {
        // Arrange: the layout written before officer review.
        using var database = new BridgeDatabase(_folder.Combine("q.db"));
        using var store = new LiteDbBridgeStore(database, NullLogger.Instance);
        database.Quarantine.Insert(new BsonDocument
        {
            ["_id"] = "abc",
            ["key"] = "quarantine:abc",
            ["path"] = "quarantine/abc.hydra",
            ["why"] = "BurnedInAnnotation: (0028,0301) Burned In Annotation is YES.",
            ["source"] = "HOSPITAL",
            ["t"] = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).UtcTicks,
        });

        // Act
        var old = (await store.FindQuarantinedAsync("abc", CancellationToken.None))!;
        var decision = new QuarantineDecision(QuarantineDecisionKind.Released, "/DC=org/CN=Officer", DateTimeOffset.UnixEpoch, "2.25.9");
        var region = new PixelRegion(2, 3, 4, 5, 6, PixelRegionSource.DeviceRegion);
        await store.PutQuarantineEntryAsync(old with { Regions = [region], Decision = decision }, CancellationToken.None).DefaultTimeout();
        var updated = (await store.FindQuarantinedAsync("abc", CancellationToken.None))!;

        // Assert
        Assert.Equal(("BurnedInAnnotation", "(0028,0301) Burned In Annotation is YES."), (old.ReasonCode, old.ReasonDetail));
        Assert.Empty(old.Regions);
        Assert.Null(old.Decision);
        Assert.Equal([region], updated.Regions);
        Assert.Equal(decision, updated.Decision);
        Assert.Equal(old.Reason, updated.Reason);
    }

    [Fact]
    public async Task CatalogEntry_RegionsAndReleaseRoundTrip_ImagesWithoutThemKeepTheOldLayout()
    {
        // Arrange
        using var database = new BridgeDatabase(_folder.Combine("c.db"));
        using var store = new LiteDbBridgeStore(database, NullLogger.Instance);
        var plain = new CatalogEntry("2.25.1", "2.25.2", "2.25.3", "1.2.840.10008.5.1.4.1.1.7", "1.2.840.10008.1.2.1", "PSN-1", "OT", "", "20240101",
            null, null, "ingest:1", "2.25.2/2.25.1.hydra", 10, ["fqan:/hospital/radiology=g"], "HOSPITAL", DateTimeOffset.UnixEpoch);
        var regions = new[] { new PixelRegion(1, 10, 20, 30, 40, PixelRegionSource.RecognizedText) };
        var redacted = plain with { SopInstanceUid = "2.25.4", PixelRegions = regions, ReleasedBy = "/DC=org/CN=Officer" };

        // Act
        await store.AddCatalogEntryAsync(plain, CancellationToken.None).DefaultTimeout();
        await store.AddCatalogEntryAsync(redacted, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.False(database.Catalog.FindById("2.25.1").ContainsKey("regions"));
        Assert.False(database.Catalog.FindById("2.25.1").ContainsKey("releasedBy"));
        Assert.Equal(regions, (await store.FindInstanceAsync("2.25.4", CancellationToken.None))!.PixelRegions);
        Assert.Equal("/DC=org/CN=Officer", (await store.FindInstanceAsync("2.25.4", CancellationToken.None))!.ReleasedBy);
    }

    public void Dispose() => _folder.Dispose();
}

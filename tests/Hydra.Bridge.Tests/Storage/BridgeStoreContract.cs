using System.Collections.Concurrent;
using Hydra.Bridge.Storage;
using Hydra.Dicom.Deidentification;
using Hydra.Testing;

namespace Hydra.Bridge.Tests.Storage;

/// <summary>
/// What every back end of the bridge's store must do, run against each real one (<see cref="LiteDbBridgeStoreTests"/>,
/// <see cref="PostgresBridgeStoreTests"/>): every record round trips with its optional fields, an image is catalogued
/// once however many ingests race, hand-off shares leave the queue only when delivered.
/// </summary>
public abstract class BridgeStoreContract : IAsyncLifetime
{
    // Whole microseconds: PostgreSQL's timestamptz keeps microseconds, LiteDB ticks (FORMAT.md).
    private static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, 678, 901, TimeSpan.Zero);
    private IBridgeStore? _store;

    private protected IBridgeStore Store => _store ?? throw new InvalidOperationException("The store is not open.");

    /// <summary>Opens a new, empty store (its own file or database).</summary>
    private protected abstract Task<IBridgeStore> OpenStoreAsync();

    /// <summary>
    /// Another handle on the same store (another bridge on the same database), or the same when there can be only one;
    /// the subclass disposes it.
    /// </summary>
    private protected abstract Task<IBridgeStore> OpenSecondHandleAsync();

    public async Task InitializeAsync() => _store = await OpenStoreAsync().DefaultTimeout();

    public virtual Task DisposeAsync()
    {
        _store?.Dispose();
        return Task.CompletedTask;
    }

    internal static CatalogEntry Entry(string sop, string study = "2.25.100", string patient = "HYD-A") => new(
        sop, study, study + ".1", "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1", patient, "CT", "CHEST", "20300101", 3, 7,
        "ingest:" + sop, $"{study}/{sop}.hydra", 123_456_789_012, ["fqan:/hospital/radiology=g", "dn:/CN=Reader=g"], "HOSPITAL", Now);

    [Fact]
    public async Task CatalogEntry_EveryField_RoundTrips()
    {
        // Arrange
        var full = Entry("2.25.1") with
        {
            PixelRegions = [new PixelRegion(1, 10, 20, 30, 40, PixelRegionSource.RecognizedText), new PixelRegion(2, 0, 0, 512, 32, PixelRegionSource.DeviceRegion)],
            ReleasedBy = "/DC=org/CN=Officer",
        };
        var bare = Entry("2.25.2") with { SeriesNumber = null, InstanceNumber = null, Acl = [], BodyPart = string.Empty };

        // Act
        Assert.True(await Store.AddCatalogEntryAsync(full, CancellationToken.None).DefaultTimeout());
        Assert.True(await Store.AddCatalogEntryAsync(bare, CancellationToken.None).DefaultTimeout());
        var readFull = await Store.FindInstanceAsync("2.25.1", CancellationToken.None).DefaultTimeout();
        var readBare = await Store.FindInstanceAsync("2.25.2", CancellationToken.None).DefaultTimeout();

        // Assert
        AssertSame(full, readFull!);
        AssertSame(bare, readBare!);
        Assert.Null(await Store.FindInstanceAsync("2.25.404", CancellationToken.None).DefaultTimeout());
        Assert.Equal(2, await Store.CatalogCountAsync(CancellationToken.None).DefaultTimeout());
    }

    [Fact]
    public async Task AddCatalogEntry_AlreadyCatalogued_ReturnsFalse_FirstEntryStays()
    {
        // Arrange
        var first = Entry("2.25.3");
        await Store.AddCatalogEntryAsync(first, CancellationToken.None).DefaultTimeout();

        // Act
        var second = await Store.AddCatalogEntryAsync(first with { KeyId = "ingest:other", ObjectPath = "other.hydra" }, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.False(second);
        Assert.Equal("ingest:2.25.3", (await Store.FindInstanceAsync("2.25.3", CancellationToken.None).DefaultTimeout())!.KeyId);
    }

    [Fact]
    public async Task ConcurrentInsertsOfOneImage_FromTwoHandles_ExactlyOneWins()
    {
        // Arrange
        var other = await OpenSecondHandleAsync().DefaultTimeout();
        var handles = new[] { Store, other };

        // Act: 40 ingests of the same image, each with its own key, half through each handle.
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            handles[i % 2].AddCatalogEntryAsync(Entry("2.25.4") with { KeyId = $"ingest:k{i}" }, CancellationToken.None)))).DefaultTimeout();

        // Assert
        var winner = Assert.Single(results.Select((won, i) => (won, i)), r => r.won);
        Assert.Equal($"ingest:k{winner.i}", (await other.FindInstanceAsync("2.25.4", CancellationToken.None).DefaultTimeout())!.KeyId);
        Assert.Equal(1, await Store.CatalogCountAsync(CancellationToken.None).DefaultTimeout());
    }

    [Fact]
    public async Task StudyAndPatientQueries_ReturnTheirEntriesOnly()
    {
        // Arrange
        await Store.AddCatalogEntryAsync(Entry("2.25.10", study: "2.25.900", patient: "HYD-A"), CancellationToken.None).DefaultTimeout();
        await Store.AddCatalogEntryAsync(Entry("2.25.11", study: "2.25.900", patient: "HYD-A"), CancellationToken.None).DefaultTimeout();
        await Store.AddCatalogEntryAsync(Entry("2.25.12", study: "2.25.901", patient: "HYD-B"), CancellationToken.None).DefaultTimeout();

        // Act
        var study = await Store.StudyEntriesAsync("2.25.900", CancellationToken.None).DefaultTimeout();
        var patient = await Store.PatientEntriesAsync("HYD-B", CancellationToken.None).DefaultTimeout();
        var all = await Store.CatalogEntriesAsync(CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(["2.25.10", "2.25.11"], study.Select(e => e.SopInstanceUid).Order(StringComparer.Ordinal));
        Assert.Equal("2.25.12", Assert.Single(patient).SopInstanceUid);
        Assert.Equal(3, all.Count);
        Assert.Empty(await Store.StudyEntriesAsync("2.25.404", CancellationToken.None).DefaultTimeout());
    }

    [Fact]
    public async Task UpdateAcl_ManyEntries_AllChanged_OthersUntouched()
    {
        // Arrange
        var entries = new[] { Entry("2.25.20"), Entry("2.25.21"), Entry("2.25.22") };
        foreach (var entry in entries)
        {
            await Store.AddCatalogEntryAsync(entry, CancellationToken.None).DefaultTimeout();
        }

        // Act
        await Store.UpdateAclAsync([.. entries.Take(2).Select(e => e with { Acl = [.. e.Acl, "dn:/CN=Researcher=-g"] })], CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Contains("dn:/CN=Researcher=-g", (await Store.FindInstanceAsync("2.25.20", CancellationToken.None).DefaultTimeout())!.Acl);
        Assert.Contains("dn:/CN=Researcher=-g", (await Store.FindInstanceAsync("2.25.21", CancellationToken.None).DefaultTimeout())!.Acl);
        Assert.Equal(entries[2].Acl, (await Store.FindInstanceAsync("2.25.22", CancellationToken.None).DefaultTimeout())!.Acl);
    }

    [Fact]
    public async Task QuarantineEntry_WithRegionsAndDecision_RoundTrips_AndPutReplaces()
    {
        // Arrange
        var entry = new QuarantineEntry("abc", "quarantine:abc", "quarantine/abc.hydra", "BurnedInText: text found in pixels", "HOSPITAL", Now)
        {
            Regions = [new PixelRegion(1, 1, 2, 3, 4, PixelRegionSource.RecognizedText)],
        };
        await Store.PutQuarantineEntryAsync(entry, CancellationToken.None).DefaultTimeout();
        var undecided = await Store.FindQuarantinedAsync("abc", CancellationToken.None).DefaultTimeout();

        // Act
        var decided = entry with { Decision = new QuarantineDecision(QuarantineDecisionKind.Released, "/DC=org/CN=Officer", Now.AddMinutes(1), "2.25.77") };
        await Store.PutQuarantineEntryAsync(decided, CancellationToken.None).DefaultTimeout();
        var read = await Store.FindQuarantinedAsync("abc", CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Null(undecided!.Decision);
        Assert.Equal("BurnedInText", read!.ReasonCode);
        Assert.Equal("text found in pixels", read.ReasonDetail);
        Assert.Equal(entry.Regions, read.Regions);
        Assert.Equal(decided.Decision, read.Decision);
        Assert.Equal((entry.Id, entry.KeyId, entry.ObjectPath, entry.Source, entry.Received), (read.Id, read.KeyId, read.ObjectPath, read.Source, read.Received));
        Assert.Single(await Store.QuarantineEntriesAsync(CancellationToken.None).DefaultTimeout());
        Assert.Equal(1, await Store.QuarantineCountAsync(CancellationToken.None).DefaultTimeout());
        Assert.Null(await Store.FindQuarantinedAsync("nope", CancellationToken.None).DefaultTimeout());
    }

    [Fact]
    public async Task ReviewEntry_WithAndWithoutThumbnail_RoundTrips()
    {
        // Arrange
        var rendered = new ReviewEntry("2.25.30", "review:2.25.30", "review/2.25.30.hydra", Now);
        var unrendered = new ReviewEntry("2.25.31", null, null, Now);

        // Act
        await Store.PutReviewEntryAsync(rendered, CancellationToken.None).DefaultTimeout();
        await Store.PutReviewEntryAsync(unrendered, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(rendered, await Store.FindReviewAsync("2.25.30", CancellationToken.None).DefaultTimeout());
        Assert.Equal(unrendered, await Store.FindReviewAsync("2.25.31", CancellationToken.None).DefaultTimeout());
        Assert.Equal(2, (await Store.ReviewEntriesAsync(CancellationToken.None).DefaultTimeout()).Count);
    }

    [Fact]
    public async Task NodeCertificate_PutTwice_LastKept()
    {
        // Act
        await Store.PutNodeCertificateAsync("node1", [1, 2, 3], CancellationToken.None).DefaultTimeout();
        await Store.PutNodeCertificateAsync("node1", [4, 5], CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal([4, 5], await Store.NodeCertificateAsync("node1", CancellationToken.None).DefaultTimeout());
        Assert.Null(await Store.NodeCertificateAsync("node9", CancellationToken.None).DefaultTimeout());
    }

    [Fact]
    public async Task Handoff_DrainRemovesOnlyDelivered_RequeueReplaces()
    {
        // Arrange
        var shares = Enumerable.Range(0, 5).Select(i => Share("node2", $"ingest:h{i}")).ToList();
        await Store.EnqueueHandoffAsync([.. shares, Share("node3", "ingest:h0")], CancellationToken.None).DefaultTimeout();
        await Store.EnqueueHandoffAsync([shares[0] with { SealedEnvelope = [9, 9] }], CancellationToken.None).DefaultTimeout();

        // Act: the node takes the first three.
        IReadOnlyList<HandoffEntry>? offered = null;
        var removed = await Store.DrainHandoffAsync("node2", 10, (pending, _) =>
        {
            offered = pending;
            return Task.FromResult<IReadOnlyList<HandoffEntry>>([.. pending.Take(3)]);
        }, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(5, offered!.Count);
        Assert.Equal([9, 9], offered.Single(e => e.KeyId == "ingest:h0").SealedEnvelope);
        AssertSame(shares[1], offered.Single(e => e.KeyId == "ingest:h1"));
        Assert.Equal(3, removed);
        Assert.Equal(2, (await Store.PendingHandoffAsync("node2", 10, CancellationToken.None).DefaultTimeout()).Count);
        Assert.Single(await Store.PendingHandoffAsync("node3", 10, CancellationToken.None).DefaultTimeout());
        Assert.Equal(3, await Store.PendingHandoffCountAsync(CancellationToken.None).DefaultTimeout());
    }

    [Fact]
    public async Task Handoff_DeliveryFails_SharesStayQueued()
    {
        // Arrange
        await Store.EnqueueHandoffAsync([Share("node2", "ingest:f1"), Share("node2", "ingest:f2")], CancellationToken.None).DefaultTimeout();

        // Act
        await Assert.ThrowsAsync<IOException>(() => Store.DrainHandoffAsync(
            "node2", 10, (_, _) => throw new IOException("the bridge died mid-delivery"), CancellationToken.None)).DefaultTimeout();

        // Assert
        Assert.Equal(2, (await Store.PendingHandoffAsync("node2", 10, CancellationToken.None).DefaultTimeout()).Count);
    }

    [Fact]
    public async Task Handoff_TwoConcurrentDrainers_EachShareDeliveredExactlyOnce()
    {
        // Arrange
        var other = await OpenSecondHandleAsync().DefaultTimeout();
        await Store.EnqueueHandoffAsync([.. Enumerable.Range(0, 120).Select(i => Share("node2", $"ingest:d{i:D3}"))], CancellationToken.None).DefaultTimeout();
        var deliveries = new ConcurrentBag<string>();

        // Act: both drain in batches of 10 until nothing is left, each delivery taking a moment.
        await Task.WhenAll(new[] { Store, other }.Select(handle => Task.Run(async () =>
        {
            while (await handle.DrainHandoffAsync("node2", 10, async (pending, ct) =>
            {
                await Task.Delay(5, ct);
                foreach (var share in pending)
                {
                    deliveries.Add(share.KeyId);
                }

                return pending;
            }, CancellationToken.None) > 0)
            {
            }
        }))).DefaultTimeout();

        // Assert
        Assert.Equal(120, deliveries.Count);
        Assert.Equal(120, deliveries.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(0, await Store.PendingHandoffCountAsync(CancellationToken.None).DefaultTimeout());
    }

    private static HandoffEntry Share(string node, string key) => new(node, key, [1, 2, 3, (byte)key.Length], ["dn:/CN=Reader=g"], Now);

    private static void AssertSame(HandoffEntry expected, HandoffEntry actual)
    {
        Assert.Equal((expected.NodeId, expected.KeyId, expected.Queued), (actual.NodeId, actual.KeyId, actual.Queued));
        Assert.Equal(expected.SealedEnvelope, actual.SealedEnvelope);
        Assert.Equal(expected.Acl, actual.Acl);
    }

    // Records compare lists by reference: compare the lists by content, the rest as records.
    private static void AssertSame(CatalogEntry expected, CatalogEntry actual)
    {
        Assert.Equal(expected.Acl, actual.Acl);
        Assert.Equal(expected.PixelRegions, actual.PixelRegions);
        Assert.Equal(expected, actual with { Acl = expected.Acl, PixelRegions = expected.PixelRegions });
    }
}

using System.Net;
using Hydra.Audit;
using Hydra.Bridge.Storage;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Client.Bridge;
using Hydra.Cluster;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace Hydra.Bridge.Tests.Review;

/// <summary>
/// Issue 22, the officer's part, through a real bridge and three real nodes: redacted images get an encrypted review
/// thumbnail, quarantined originals can be seen, released and kept by officers only, and the nodes audit each view and
/// decision with the officer as subject and the bridge as delegate. The pixel cleaner is scripted (OCR is tested in
/// Hydra.Dicom.Redaction.Tests).
/// </summary>
public sealed class OfficerReviewTests : IClassFixture<OfficerReviewFixture>
{
    private readonly OfficerReviewFixture _fixture;

    public OfficerReviewTests(OfficerReviewFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task RedactedImage_RegionsCatalogued_OfficerSeesThumbnailWithBoxes_Audited()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-review");
        var (file, _) = ReviewImages.Write(scratch.Path, "OT");
        var sent = await _fixture.Bridge.StorescuAsync([file]);
        Assert.True(sent.ExitCode == 0, sent.Output);

        // Act
        var redactions = await _fixture.Officer.ListRedactionsAsync(CancellationToken.None).DefaultTimeout();
        var redaction = Assert.Single(redactions, r => r.Source == "HOSPITAL" && r.Regions.Count == 1 && r.Regions[0].X == ScriptedPixelCleaner.Blanked.X);
        var png = await _fixture.Officer.GetRedactionThumbnailAsync(redaction.SopInstanceUid, CancellationToken.None).DefaultTimeout();

        // Assert: the catalog holds the region (never text); the readers still see the image.
        var entry = (await Store.FindInstanceAsync(redaction.SopInstanceUid, CancellationToken.None))!;
        Assert.Equal([ScriptedPixelCleaner.Blanked], entry.PixelRegions);
        Assert.True(redaction.HasThumbnail);
        Assert.Equal(("RecognizedText", 200, 60), (redaction.Regions[0].Source, redaction.Regions[0].Width, redaction.Regions[0].Height));
        Assert.Contains(await _fixture.Reader.ListImagesAsync(null, CancellationToken.None).DefaultTimeout(), i => i.SopInstanceUid == redaction.SopInstanceUid);

        // The thumbnail is half size, outlined where the region is, black (blanked) inside.
        using var bitmap = Decode(png, 256, 192);
        AssertOutlined(bitmap, 50, 20, 149, 49);
        Assert.Equal(new SKColor(0, 0, 0), bitmap.GetPixel(100, 35));
        Assert.NotEqual(SKColors.Red, bitmap.GetPixel(10, 150));

        // The thumbnail is stored encrypted and the nodes audited the officer's GetShare of its key through the bridge.
        var review = (await Store.FindReviewAsync(redaction.SopInstanceUid, CancellationToken.None))!;
        Assert.Equal("review:" + redaction.SopInstanceUid, review.KeyId);
        Assert.False(Leaks.Contains(File.ReadAllBytes(Path.Combine(_fixture.Bridge.DataDirectory, "objects", review.ObjectPath!))));
        await AssertAuditedAsync(review.KeyId!);
    }

    [Fact]
    public async Task QuarantinedImage_OfficerListsViewsReleasesTwice_ReadersReadItDeidentified()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-review");
        var (file, pixels) = ReviewImages.Write(scratch.Path, "XC");
        var sent = await _fixture.Bridge.StorescuAsync([file]);
        Assert.True(sent.ExitCode == 0, sent.Output);
        var id = await QuarantinedAsync(file);

        // Act
        var listed = Assert.Single(await _fixture.Officer.ListQuarantineAsync(CancellationToken.None).DefaultTimeout(), q => q.Id == id);
        var png = await _fixture.Officer.GetQuarantineThumbnailAsync(id, CancellationToken.None).DefaultTimeout();
        var released = await _fixture.Officer.ReleaseQuarantinedAsync(id, CancellationToken.None).DefaultTimeout();
        var again = await _fixture.Officer.ReleaseQuarantinedAsync(id, CancellationToken.None).DefaultTimeout();

        // Assert: listed with its reason and regions, undecided.
        Assert.Equal(("TextBeyondPolicy", "HOSPITAL", 2, "none"), (listed.ReasonCode, listed.Source, listed.RegionCount, listed.Decision));
        Assert.Equal("text covers more than the policy blanks", listed.ReasonDetail);

        // The thumbnail shows the original (its text white) with both found regions outlined.
        using var bitmap = Decode(png, 256, 192);
        AssertOutlined(bitmap, 10, 150, 69, 169);
        AssertOutlined(bitmap, 150, 10, 239, 24);
        Assert.Equal(new SKColor(255, 255, 255), bitmap.GetPixel(30, 160));

        // Released once, idempotently, by the officer; the catalog says so.
        var officerDn = _fixture.Pki.User(DevUser.Officer).SubjectDn;
        Assert.Equal(("released", officerDn), (released.Decision, released.DecidedBy));
        Assert.Equal(released, again);
        var sop = released.ReleasedSopInstanceUid!;
        Assert.Equal(officerDn, (await Store.FindInstanceAsync(sop, CancellationToken.None))!.ReleasedBy);
        var decided = Assert.Single(await _fixture.Officer.ListQuarantineAsync(CancellationToken.None).DefaultTimeout(), q => q.Id == id);
        Assert.Equal(("released", sop), (decided.Decision, decided.ReleasedSopInstanceUid));

        // Its readers list and read it: headers de-identified, pixels and Burned In Annotation as the original's, no Clean Pixel Data code.
        Assert.Contains(await _fixture.Reader.ListImagesAsync(null, CancellationToken.None).DefaultTimeout(), i => i.SopInstanceUid == sop);
        using var dicom = new MemoryStream();
        await using (var stream = await _fixture.Reader.OpenDicomAsync(sop, CancellationToken.None).DefaultTimeout())
        {
            await stream.CopyToAsync(dicom).DefaultTimeout();
        }

        Assert.False(Leaks.Contains(dicom.ToArray()));
        var dataset = DicomFile.Read(dicom.ToArray()).Dataset;
        Assert.Equal("YES", dataset.GetString(DicomTags.BurnedInAnnotation));
        Assert.Equal(pixels, dataset.GetBytes(DicomTags.PixelData).ToArray());
        Assert.DoesNotContain("113101", dataset.GetSequence(DicomTags.DeidentificationMethodCodeSequence)!.Items.Select(c => c.GetString(DicomTags.CodeValue)));

        // Every view and decision rebuilt the quarantine key for the officer, the bridge as delegate: audited on the nodes.
        var audited = await AssertAuditedAsync("quarantine:" + id);
        Assert.True(audited >= 3 * 2, $"{audited} GetShare records of the officer; the view and the two releases each need at least two nodes.");
    }

    [Fact]
    public async Task Keep_RecordsTheDecision_AuditedAndTheOriginalStays()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-review");
        var (file, _) = ReviewImages.Write(scratch.Path, "XC");
        Assert.Equal(0, (await _fixture.Bridge.StorescuAsync([file])).ExitCode);
        var id = await QuarantinedAsync(file);
        var catalogued = (await _fixture.Bridge.Node.CatalogCountAsync());

        // Act
        var kept = await _fixture.Officer.KeepQuarantinedAsync(id, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(("kept", _fixture.Pki.User(DevUser.Officer).SubjectDn, null), (kept.Decision, kept.DecidedBy, kept.ReleasedSopInstanceUid));
        var entry = (await Store.FindQuarantinedAsync(id, CancellationToken.None))!;
        Assert.Equal(QuarantineDecisionKind.Kept, entry.Decision!.Kind);
        Assert.True(File.Exists(Path.Combine(_fixture.Bridge.DataDirectory, "objects", entry.ObjectPath)));
        Assert.Equal(catalogued, (await _fixture.Bridge.Node.CatalogCountAsync()));
        await AssertAuditedAsync(entry.KeyId);
    }

    [Fact]
    public async Task Reader_IsRefused403_OnEveryOfficerEndpoint_Officer404OnUnknownIds()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-review");
        var (file, _) = ReviewImages.Write(scratch.Path, "XC");
        Assert.Equal(0, (await _fixture.Bridge.StorescuAsync([file])).ExitCode);
        var id = await QuarantinedAsync(file);
        var reader = _fixture.Reader;

        // Act
        Func<Task>[] calls =
        [
            () => reader.ListQuarantineAsync(CancellationToken.None),
            () => reader.GetQuarantineThumbnailAsync(id, CancellationToken.None),
            () => reader.ReleaseQuarantinedAsync(id, CancellationToken.None),
            () => reader.KeepQuarantinedAsync(id, CancellationToken.None),
            () => reader.ListRedactionsAsync(CancellationToken.None),
            () => reader.GetRedactionThumbnailAsync("2.25.1", CancellationToken.None),
        ];
        var refusals = new List<BridgeException>();
        foreach (var call in calls)
        {
            refusals.Add(await Assert.ThrowsAsync<BridgeException>(() => call().DefaultTimeout()));
        }

        var unknown = await Assert.ThrowsAsync<BridgeException>(() => _fixture.Officer.ReleaseQuarantinedAsync("0123abcd", CancellationToken.None).DefaultTimeout());
        var noThumbnail = await Assert.ThrowsAsync<BridgeException>(() => _fixture.Officer.GetRedactionThumbnailAsync("2.25.1", CancellationToken.None).DefaultTimeout());

        // Assert
        Assert.All(refusals, r =>
        {
            Assert.Equal(HttpStatusCode.Forbidden, r.Status);
            Assert.Contains("is not an officer of this bridge", r.Message, StringComparison.Ordinal);
        });
        Assert.Null((await Store.FindQuarantinedAsync(id, CancellationToken.None))!.Decision);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unknown.Status, noThumbnail.Status));
    }

    private IBridgeStore Store => _fixture.Bridge.Node.Services.GetRequiredService<IBridgeStore>();

    // The quarantine id of a sent original: a keyed hash of its SOP Instance UID.
    private async Task<string> QuarantinedAsync(string file)
    {
        var ids = _fixture.Bridge.Node.Services.GetRequiredService<Hydra.Bridge.Ingest.QuarantineIds>();
        var id = ids.For(DicomFile.Open(file).Dataset.GetString(DicomTags.SOPInstanceUID));
        Assert.NotNull(await Store.FindQuarantinedAsync(id, CancellationToken.None));
        return id;
    }

    private async Task<int> AssertAuditedAsync(string keyId)
    {
        var auditor = _fixture.Cluster.ConnectAs(DevUser.Officer);
        var records = new List<AuditEntry>();
        for (var node = 0; node < _fixture.Cluster.NodeCount; node++)
        {
            await foreach (var entry in auditor.QueryAuditAsync(TestCluster.NodeId(node), new AuditQueryOptions { KeyId = keyId }, CancellationToken.None))
            {
                records.Add(entry);
            }
        }

        var officer = _fixture.Pki.User(DevUser.Officer).SubjectDn;
        var bridge = _fixture.Pki.Host("bridge").SubjectDn;
        var gets = records.Where(r => r.Operation == AuditOperations.GetShare && r.Subject == officer && r.Outcome == AuditEntry.Allowed).ToList();
        Assert.True(gets.Count >= 2, $"{gets.Count} GetShare records of {keyId} for the officer");
        Assert.All(gets, r => Assert.Equal(bridge, r.Delegate));
        return gets.Count;
    }

    internal static SKBitmap Decode(byte[] png, int width, int height)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        var bitmap = SKBitmap.Decode(png);
        Assert.Equal((width, height), (bitmap.Width, bitmap.Height));
        return bitmap;
    }

    internal static void AssertOutlined(SKBitmap bitmap, int x0, int y0, int x1, int y1)
    {
        foreach (var (x, y) in new[] { (x0, y0), (x1, y0), (x0, y1), (x1, y1), ((x0 + x1) / 2, y0), ((x0 + x1) / 2, y1), (x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2) })
        {
            Assert.True(bitmap.GetPixel(x, y) == SKColors.Red, $"({x}, {y}) is {bitmap.GetPixel(x, y)}, not the outline's red");
        }

        Assert.NotEqual(SKColors.Red, bitmap.GetPixel(x0 - 2, y0 - 2 < 0 ? y1 + 2 : y0 - 2));
        Assert.NotEqual(SKColors.Red, bitmap.GetPixel(x0 + 2, y0 + 2));
    }
}

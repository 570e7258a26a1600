using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Dicom;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Redaction;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Pixels;

namespace Hydra.Bridge.Tests.Ingest;

/// <summary>
/// Issue 22's scenario end to end: a modality sends images with names and ids burned into their pixels (whatever their
/// Burned In Annotation says) by C-STORE, a research reader reads them back through the bridge, and the tesseract
/// program, which shares no code with the bridge's scanner, reads what the reader received.
/// </summary>
public sealed class BurnedInTextTests : IClassFixture<BridgeFixture>, IAsyncLifetime
{
    private readonly BridgeFixture _fixture;
    private readonly TempDirectory _folder = new("hydra-burned-in");
    private BurnedInCorpus? _corpus;

    public BurnedInTextTests(BridgeFixture fixture) => _fixture = fixture;

    private TestBridge Bridge => _fixture.Bridge;

    public async Task InitializeAsync() => _corpus = await BurnedInCorpus.GenerateAsync(_folder.Combine("corpus")).TimeoutAfter(TimeSpan.FromMinutes(5));

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ModalitySendsTextInThePixels_ReaderReceivesNoneOfIt_AndTextFreeImagesUntouched()
    {
        // Arrange: what the bridge must decide, image by image, from a de-identifier with the same secret and cleaner.
        var corpus = _corpus!;
        using var cleaner = new PixelCleaner(new PixelCleaningOptions());
        var expectations = new DicomDeidentifier(new DeidentificationOptions { BridgeSecret = File.ReadAllBytes(Path.Combine(Bridge.DataDirectory, "bridge.secret")) }, cleaner);
        var quarantinedBefore = (await Bridge.Node.QuarantineCountAsync());

        // Act: sent as a modality sends them, then read back by a reader of /hospital/radiology.
        var sent = await Bridge.StorescuAsync(corpus.Images.Select(corpus.PathOf)).TimeoutAfter(TimeSpan.FromMinutes(5));
        var reader = GridReader.ProxyOf(_fixture.Pki, DevUser.Reader);
        var catalog = (await Bridge.ConnectReader(reader).ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).ToDictionary(i => i.SopInstanceUid);

        // Assert
        Assert.True(sent.ExitCode == 0, sent.Output);
        var quarantined = new List<CorpusImage>();
        var checks = new List<Task<string?>>();
        var blanked = new List<(string Sop, IReadOnlyList<PixelRegion> Regions)>();
        foreach (var image in corpus.Images)
        {
            var original = DicomFile.Open(corpus.PathOf(image));
            var expected = expectations.Deidentify(original, "HOSPITAL");
            if (expected.IsQuarantined)
            {
                quarantined.Add(image);
                continue;
            }

            var sop = expected.Report.SopInstanceUid;
            Assert.True(catalog.TryGetValue(sop, out var summary), $"{image}: not in the catalog");
            var received = await GridReader.ReadImageAsync(Bridge, _fixture.Cluster, reader, summary).DefaultTimeout();
            checks.Add(CheckAsync(image, original, expected, received));
            if (expected.Report.PixelRegions.Count > 0)
            {
                blanked.Add((sop, expected.Report.PixelRegions));
            }
        }

        // The officer sees where each image was blanked (the regions the cleaner reported, never text), with a thumbnail.
        var officer = Bridge.ConnectReader(GridReader.CertificateOf(_fixture.Pki, DevUser.Officer));
        var redactions = (await officer.ListRedactionsAsync(CancellationToken.None).DefaultTimeout()).ToDictionary(r => r.SopInstanceUid);
        foreach (var (sop, regions) in blanked)
        {
            Assert.True(redactions.TryGetValue(sop, out var listed), $"{sop}: blanked but not in the officer's list");
            Assert.Equal(regions.Select(r => (r.Frame, r.X, r.Y, r.Width, r.Height)), listed.Regions.Select(r => (r.Frame, r.X, r.Y, r.Width, r.Height)));
            Assert.True(listed.HasThumbnail, $"{sop}: no review thumbnail");
        }

        var failures = (await Task.WhenAll(checks).TimeoutAfter(TimeSpan.FromMinutes(8))).Where(f => f is not null).ToList();
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(quarantinedBefore + quarantined.Count, (await Bridge.Node.QuarantineCountAsync()));
        // Quarantine is for what cannot be cleaned, not the way every image with text is dealt with.
        var withText = corpus.Images.Count(i => i.HasText);
        Assert.True(quarantined.Count(i => i.HasText) * 5 <= withText, $"quarantined {quarantined.Count} of {withText} images with text: {string.Join(", ", quarantined)}");
        Assert.DoesNotContain(quarantined, i => !i.HasText);
        Assert.NotEmpty(blanked);
    }

    // Null when the received copy is right; else what is wrong, naming the file (never the text read).
    private async Task<string?> CheckAsync(CorpusImage image, DicomFile original, DeidentificationResult expected, byte[] received)
    {
        var path = _folder.Combine("received-" + image.File);
        await File.WriteAllBytesAsync(path, received);
        var file = DicomFile.Read(received);
        var dataset = file.Dataset;
        var codes = dataset.GetSequence(DicomTags.DeidentificationMethodCodeSequence)!.Items.Select(item => item.GetString(DicomTags.CodeValue));
        if (dataset.GetString(DicomTags.BurnedInAnnotation) != "NO" || !codes.Contains("113101"))
        {
            return $"{image}: (0028,0301) is not NO or DCM 113101 is not recorded";
        }

        var pixels = Pixels(file);
        if (!pixels.SequenceEqual(Pixels(expected.File!)))
        {
            return $"{image}: the bridge's pixels differ from what the same cleaner makes of the original";
        }

        var changed = Changed(Pixels(original), pixels, expected.Report!.PixelRegions, original);
        if (changed.Outside > 0)
        {
            return $"{image}: {changed.Outside} bytes changed outside the reported regions";
        }

        if (!image.HasText)
        {
            return changed.Inside * 100L >= pixels.Length ? $"{image}: no text, but {changed.Inside} of {pixels.Length} bytes changed" : null;
        }

        var leaks = TesseractReader.Leaks(image.Strings, await TesseractReader.ReadAsync(path));
        return leaks.Count > 0 ? $"{image}: {leaks.Count} of {image.Strings.Count} drawn strings still read by tesseract" : null;
    }

    private static byte[] Pixels(DicomFile file) => ((DicomValueElement)file.Dataset[DicomTags.PixelData]!).Value.ToArray();

    // Bytes changed inside and outside the regions, for frames of rows x columns x samples x bytes per sample.
    private static (long Inside, long Outside) Changed(byte[] before, byte[] after, IReadOnlyList<PixelRegion> regions, DicomFile original)
    {
        var layout = Hydra.Dicom.Imaging.PixelLayout.Of(original.Dataset);
        // Interleaved samples make one pixel of all of them; planar ones (C.7.6.3.1.3) one plane per sample.
        var bytesPerPixel = layout.BitsAllocated / 8 * (layout.PlanarConfiguration == 0 ? layout.SamplesPerPixel : 1);
        var planeLength = (long)layout.Rows * layout.Columns * bytesPerPixel;
        var (inside, outside) = (0L, 0L);
        for (var i = 0L; i < Math.Min(before.Length, after.Length); i++)
        {
            if (before[i] == after[i])
            {
                continue;
            }

            var frame = (int)(i / layout.FrameLength) + 1;
            var pixel = i % layout.FrameLength % planeLength / bytesPerPixel;
            var (x, y) = ((int)(pixel % layout.Columns), (int)(pixel / layout.Columns));
            if (regions.Any(r => r.Frame == frame && x >= r.X && x < r.X + r.Width && y >= r.Y && y < r.Y + r.Height))
            {
                inside++;
            }
            else
            {
                outside++;
            }
        }

        return (inside, outside);
    }
}

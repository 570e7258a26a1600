using System.Text;
using Hydra.Bridge.Contract;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Dicom;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Redaction;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests;

/// <summary>
/// Orthanc as the hospital's server: every pydicom corpus file it accepts is pushed to the bridge over C-STORE,
/// and each is either catalogued (and reads back de-identified with the original pixels) or quarantined.
/// </summary>
public sealed class OrthancCorpusTests : IClassFixture<BridgeFixture>
{
    private const string Corpus = "/usr/lib/python3/dist-packages/pydicom/data";
    private readonly BridgeFixture _fixture;

    public OrthancCorpusTests(BridgeFixture fixture) => _fixture = fixture;

    private TestBridge Bridge => _fixture.Bridge;

    /// <summary>
    /// Corpus files no sending peer can put on the wire, so no receiver ever sees them; checked against dcmtk too.
    /// </summary>
    private static readonly Dictionary<string, string> Unsendable = new(StringComparer.Ordinal)
    {
        // Every element is VR UN. Orthanc proposes abstract syntax "31" (the first byte of the UN-encoded SOP Class
        // UID) and fails "Cannot transcode ... to one of [ ]" against storescp +xa as well; storescu refuses the file
        // ("No SOP Class or Instance UID in file").
        ["rtdose_rle.dcm"] = "SOP Class UID encoded as UN",
        ["rtdose_rle_1frame.dcm"] = "SOP Class UID encoded as UN",
    };

    private static IEnumerable<string> CorpusFiles()
    {
        _ = Dcmtk.CorpusFolder; // fails with a clear message when python3-pydicom is missing
        return new[] { "test_files", "charset_files" }.SelectMany(f => Directory.GetFiles(Path.Combine(Corpus, f), "*.dcm")).Order(StringComparer.Ordinal);
    }

    [Fact]
    public async Task OrthancPushesTheCorpus_EveryFileIsCataloguedOrQuarantined_AndReadsBackDeidentified()
    {
        // Arrange: Orthanc holds every corpus file it accepts (one instance per SOP Instance UID: the first file wins).
        using var orthanc = await OrthancPeer.StartAsync(new Dictionary<string, (string, int)> { ["bridge"] = ("HYDRA", Bridge.Node.DicomPort) });
        var instances = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in CorpusFiles())
        {
            var id = await orthanc.TryUploadAsync(file).DefaultTimeout();
            if (id is not null && !Unsendable.ContainsKey(Path.GetFileName(file)))
            {
                instances.TryAdd(id, file);
            }
        }

        var quarantine = Path.Combine(Bridge.DataDirectory, "objects", "quarantine");
        var quarantinedBefore = Directory.Exists(quarantine) ? Directory.GetFiles(quarantine).Length : 0;

        // Act: Orthanc sends each instance to the bridge.
        var refused = new List<string>();
        foreach (var (id, file) in instances)
        {
            var (ok, answer) = await orthanc.TryPostAsync("modalities/bridge/store", OrthancPeer.Json(new { Resources = new[] { id }, Synchronous = true })).DefaultTimeout();
            if (!ok)
            {
                refused.Add($"{Path.GetFileName(file)}: {answer}");
            }
        }

        // Assert: nothing refused; each instance is where the bridge's own de-identifier says it belongs.
        Assert.True(instances.Count >= 40, $"Orthanc accepted only {instances.Count} corpus files");
        Assert.True(refused.Count == 0, string.Join('\n', refused));
        using var cleaner = new PixelCleaner(new PixelCleaningOptions());
        var deidentifier = new DicomDeidentifier(new DeidentificationOptions { BridgeSecret = File.ReadAllBytes(Path.Combine(Bridge.DataDirectory, "bridge.secret")) }, cleaner);
        var reader = GridReader.ProxyOf(_fixture.Pki, DevUser.Reader);
        var catalog = (await Bridge.ConnectReader(reader).ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).ToDictionary(i => i.SopInstanceUid);
        var quarantined = 0;
        foreach (var file in instances.Values)
        {
            var original = DicomFile.Open(file);
            var expected = deidentifier.Deidentify(original, "ORTHANC");
            if (expected.IsQuarantined)
            {
                quarantined++;
                continue;
            }

            var sop = expected.File!.Dataset.GetString(DicomTags.SOPInstanceUID)!;
            Assert.True(catalog.TryGetValue(sop, out var image), $"{Path.GetFileName(file)} is not in the catalog");
            await AssertReadsBackDeidentifiedAsync(file, original, image, reader);
        }

        Assert.Equal(quarantinedBefore + quarantined, Directory.GetFiles(quarantine).Length);
        Assert.Empty(Directory.EnumerateFiles(Bridge.DataDirectory, "*.dcm", SearchOption.AllDirectories));
    }

    private async Task AssertReadsBackDeidentifiedAsync(string file, DicomFile original, ImageSummary image, Hydra.Grid.Tls.TlsCredential reader)
    {
        var plaintext = await GridReader.ReadImageAsync(Bridge, _fixture.Cluster, reader, image);
        var read = GridReader.Parse(plaintext).Dataset;
        var name = Path.GetFileName(file);
        Assert.True(read.GetString(DicomTags.PatientIdentityRemoved) == "YES", name);
        foreach (var tag in new[] { DicomTags.PatientName, DicomTags.PatientID, DicomTags.InstitutionName, DicomTags.ReferringPhysicianName, DicomTags.AccessionNumber })
        {
            var value = original.Dataset.GetString(tag)?.Trim();
            if (value is { Length: > 0 })
            {
                Assert.True(read.GetString(tag)?.Trim() != value, $"{name}: {tag} survived de-identification");
            }
        }

        // The patient's name is distinctive enough to search for anywhere in the bytes (sequences, private tags, text).
        var patient = original.Dataset.GetString(DicomTags.PatientName)?.Trim();
        if (patient is { Length: >= 6 })
        {
            Assert.False(Contains(plaintext, patient), $"{name}: the patient's name is still somewhere in the image");
        }

        Assert.True(PixelBytes(original.Dataset).SequenceEqual(PixelBytes(read)), $"{name}: pixel data changed");
    }

    private static bool Contains(byte[] data, string value) => data.AsSpan().IndexOf(Encoding.Latin1.GetBytes(value)) >= 0;

    private static byte[] PixelBytes(DicomDataset dataset) => dataset[DicomTags.PixelData] switch
    {
        DicomFragmentSequence fragments => [.. fragments.Fragments.SelectMany(f => f.ToArray())],
        DicomValueElement value => value.Value.ToArray(),
        _ => [],
    };
}

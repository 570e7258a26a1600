using System.Text;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Pki;
using Xunit.Abstractions;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>
/// gdcm's gdcmanon (Debian libgdcm-tools) as the peer: it must re-identify what we de-identify (PS3.15 E.1.2 with the
/// officer's key), and whatever it removes or empties when it de-identifies, we remove, empty or replace too.
/// </summary>
public sealed class GdcmanonInteropTests : IClassFixture<DevPkiFixture>
{
    private readonly DevPkiFixture _pki;
    private readonly ITestOutputHelper _output;

    public GdcmanonInteropTests(DevPkiFixture pki, ITestOutputHelper output)
    {
        _pki = pki;
        _output = output;
    }

    public static TheoryData<string> RoundTripFiles => new()
    {
        "test_files/CT_small.dcm", "test_files/MR_small.dcm", "test_files/MR_small_bigendian.dcm", "test_files/image_dfl.dcm",
        "test_files/JPEG2000.dcm", "test_files/rtstruct.dcm", "test_files/rtplan.dcm", "test_files/reportsi.dcm",
        "test_files/liver_1frame.dcm", "charset_files/chrH31.dcm",
    };

    public static TheoryData<KeyTransportAlgorithm, ContentEncryptionAlgorithm> Algorithms => new()
    {
        { KeyTransportAlgorithm.RsaOaepSha256, ContentEncryptionAlgorithm.Aes256Cbc },
        { KeyTransportAlgorithm.RsaOaepSha256, ContentEncryptionAlgorithm.Aes128Cbc },
        { KeyTransportAlgorithm.RsaPkcs1V15, ContentEncryptionAlgorithm.Aes192Cbc },
        { KeyTransportAlgorithm.RsaPkcs1V15, ContentEncryptionAlgorithm.Aes256Cbc },
    };

    [Theory]
    [MemberData(nameof(RoundTripFiles))]
    public async Task GdcmanonReidentify_OurOutput_RestoresEveryOriginalValue(string label)
    {
        // Arrange
        using var folder = new TempDirectory("hydra-deid-gdcm");
        var original = DicomFile.Open(Pydicom.CorpusPath(label));
        var result = Deidentifier().Deidentify(original, DeidentificationProfile.Default with
        {
            BurnedInAnnotation = BurnedInAnnotationPolicy.QuarantineOnlyWhenMarkedYes,
        });
        Assert.False(result.IsQuarantined, result.Quarantine?.Detail);
        var deidentified = folder.Combine("deid.dcm");
        result.File.Save(deidentified);

        // Act
        var restored = await GdcmanonReidentifyAsync(deidentified, folder.Combine("restored.dcm"));

        // Assert
        AssertRestored(original.Dataset, restored.Dataset);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task GdcmanonReidentify_EachAlgorithm_RestoresTheCanary(KeyTransportAlgorithm keyTransport, ContentEncryptionAlgorithm content)
    {
        // Arrange
        using var folder = new TempDirectory("hydra-deid-gdcm");
        var original = DicomFile.Read(new DicomFile(CanaryDataset.Build().Dataset).ToArray());
        var options = new DeidentificationOptions { BridgeSecret = TestSecrets.Secret, KeyTransport = keyTransport, ContentEncryption = content };
        options.ReidentificationRecipients.Add(OfficerCertificate());
        var result = new DicomDeidentifier(options).Deidentify(original, DeidentificationProfile.Default);
        var deidentified = folder.Combine("deid.dcm");
        result.File!.Save(deidentified);

        // Act
        var restored = await GdcmanonReidentifyAsync(deidentified, folder.Combine("restored.dcm"));

        // Assert
        AssertRestored(original.Dataset, restored.Dataset);
    }

    [Fact]
    public async Task GdcmanonReidentify_WithAnotherUsersKey_Fails()
    {
        // Arrange
        using var folder = new TempDirectory("hydra-deid-gdcm");
        var result = Deidentifier().Deidentify(DicomFile.Open(Pydicom.CorpusPath("test_files/CT_small.dcm")), DeidentificationProfile.Default);
        var deidentified = folder.Combine("deid.dcm");
        result.File!.Save(deidentified);
        var reader = _pki.Pki.User(Hydra.CertsDev.DevUser.Reader);

        // Act
        var run = await ProcessRunner.RunAsync(Gdcmanon(), ["-d", "-k", reader.KeyPath, "-i", deidentified, "-o", folder.Combine("x.dcm")])
            .DefaultTimeout();

        // Assert
        var restored = File.Exists(folder.Combine("x.dcm")) ? DicomFile.Open(folder.Combine("x.dcm")).Dataset : null;
        Assert.True(run.ExitCode != 0 || restored?.GetString(DicomTags.PatientName) != "CompressedSamples^CT1", run.Output);
    }

    [Fact]
    public async Task Deidentify_CorpusFilesGdcmanonHandles_RemovesOrEmptiesAllThatGdcmanonDoes()
    {
        // Arrange
        using var folder = new TempDirectory("hydra-deid-gdcm");
        var deidentifier = Deidentifier();
        var report = new StringBuilder();
        var compared = 0;
        var replaced = new SortedDictionary<string, int>(StringComparer.Ordinal);

        foreach (var label in Pydicom.CorpusFiles())
        {
            var gdcmOut = folder.Combine("gdcm.dcm");
            File.Delete(gdcmOut);
            var certificate = TestSecrets.Officer(_pki.Pki).CertificatePath;
            var run = await ProcessRunner.RunAsync(Gdcmanon(), ["-e", "-c", certificate, "-i", Pydicom.CorpusPath(label), "-o", gdcmOut])
                .DefaultTimeout();
            if (run.ExitCode != 0 || !TryOpen(Pydicom.CorpusPath(label), out var input))
            {
                continue;
            }

            // Act
            // The basic profile alone, and no burned-in quarantine: this compares attribute handling (the corpus test reports quarantines).
            var ours = deidentifier.Deidentify(input, new DeidentificationProfile
            {
                Options = ConfidentialityOptions.None,
                BurnedInAnnotation = BurnedInAnnotationPolicy.QuarantineOnlyWhenMarkedYes,
            });
            if (ours.IsQuarantined)
            {
                report.AppendLine($"{label}: quarantined by Hydra ({ours.Quarantine.Code}), gdcmanon passes it");
                continue;
            }

            // Assert
            compared++;
            var gdcm = FlatDataset.Of(DicomFile.Open(gdcmOut).Dataset).Values;
            var hydra = FlatDataset.Of(ours.File.Dataset).Values;
            foreach (var (path, value) in FlatDataset.Of(input.Dataset).Values)
            {
                if (FlatDataset.Trimmed(value).IsEmpty || (gdcm.TryGetValue(path, out var kept) && FlatDataset.SameValue(kept, value)))
                {
                    continue;
                }

                // gdcmanon removed, emptied or replaced it: so must we.
                if (!hydra.TryGetValue(path, out var mine) || FlatDataset.Trimmed(mine).IsEmpty)
                {
                    continue;
                }

                var kind = FlatDataset.SameValue(mine, value)
                    ? KeptInEmptiedSequence(path, mine, gdcm)
                    : ReplacementKind(mine, ours.Report.PatientPseudonym);
                Assert.True(kind is not null, $"{label} {path}: gdcmanon removed, emptied or replaced it, Hydra did not");
                replaced[kind] = replaced.GetValueOrDefault(kind) + 1;
            }
        }

        _output.WriteLine($"{compared} files compared.");
        _output.WriteLine(report.ToString());
        foreach (var (what, count) in replaced)
        {
            _output.WriteLine($"{what}: {count} elements");
        }

        Assert.True(compared >= 55, $"only {compared} files compared");
    }

    // Where gdcmanon empties and Hydra writes a value, the value must be one that carries no identity.
    private static string? ReplacementKind(DicomValueElement mine, string pseudonym)
    {
        var text = mine.VR.IsText() ? mine.GetString() : string.Empty;
        var what = mine.VR switch
        {
            DicomVR.UI when text.StartsWith("2.25.", StringComparison.Ordinal) => "a UID replaced by its keyed mapping",
            _ when text == pseudonym => "the patient pseudonym",
            _ when text is "ANONYMOUS" or "19000101" or "000000" or "19000101000000" or "0" => "a dummy value",
            _ => null,
        };
        return what is null ? null : $"gdcmanon emptied or removed {mine.Tag.ToDisplayString()}, Hydra wrote {what}";
    }

    // gdcmanon empties whole sequences its 2008 list names (e.g. Content Sequence) where Table E.1-1 says D and Hydra
    // cleans the items instead: what Hydra keeps there must be coded or numeric, never free text.
    private static string? KeptInEmptiedSequence(string path, DicomValueElement mine, Dictionary<string, DicomValueElement> gdcm)
    {
        var cut = path.IndexOf('[', StringComparison.Ordinal);
        if (cut < 0)
        {
            return null;
        }

        var sequence = path[..cut];
        var emptied = !gdcm.Keys.Any(key => key.StartsWith(sequence + "[", StringComparison.Ordinal));
        var structural = SafeTextAttributes.Contains(mine.Tag)
            || mine.VR is not (DicomVR.AE or DicomVR.AS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST
                or DicomVR.UC or DicomVR.UR or DicomVR.UT or DicomVR.DA or DicomVR.DT or DicomVR.TM or DicomVR.UI)
            || (mine.VR == DicomVR.UI && (UidRules.IsDefinitionAttribute(mine.Tag) || UidRules.IsWellKnownValue(mine.GetString())));
        return emptied && structural
            ? $"gdcmanon emptied {DicomTag.Parse(sequence).ToDisplayString()}, Hydra cleaned it and kept {mine.Tag.ToDisplayString()} {mine.VR}"
            : null;
    }

    private static bool TryOpen(string path, out DicomFile file)
    {
        try
        {
            file = DicomFile.Open(path);
            return true;
        }
        catch (DicomException)
        {
            file = null!;
            return false;
        }
    }

    private static void AssertRestored(DicomDataset original, DicomDataset restored)
    {
        var expected = FlatDataset.Of(original).Values;
        var actual = FlatDataset.Of(restored).Values;
        var wrong = expected
            .Where(pair => !pair.Value.Tag.IsGroupLength)
            .Where(pair => !actual.TryGetValue(pair.Key, out var value) || !FlatDataset.SameValue(value, pair.Value))
            .Select(pair => pair.Key)
            .ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} values not restored: {string.Join(", ", wrong.Take(20))}");
        Assert.Null(restored.GetString(DicomTags.PatientIdentityRemoved));
    }

    private async Task<DicomFile> GdcmanonReidentifyAsync(string input, string output)
    {
        var run = await ProcessRunner.RunAsync(Gdcmanon(), ["-d", "-k", TestSecrets.Officer(_pki.Pki).KeyPath, "-i", input, "-o", output])
            .DefaultTimeout();
        Assert.True(run.ExitCode == 0, run.Output);
        return DicomFile.Open(output);
    }

    private DicomDeidentifier Deidentifier() => TestSecrets.Deidentifier(_pki.Pki);

    private System.Security.Cryptography.X509Certificates.X509Certificate2 OfficerCertificate() =>
        System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(TestSecrets.Officer(_pki.Pki).CertificatePath));

    private static string Gdcmanon() => Peers.Require("gdcmanon", "libgdcm-tools");
}

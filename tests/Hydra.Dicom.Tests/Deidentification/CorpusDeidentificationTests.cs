using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Tests.Interop;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>
/// pydicom's corpus through the de-identifier: exactly the expected files are quarantined under the default profile, for
/// the expected reasons; and every output (made without the burned-in heuristic, so that the secondary captures are
/// checked too) is valid DICOM for dcmdump and pydicom (read without force).
/// </summary>
public sealed class CorpusDeidentificationTests : IClassFixture<CorpusDeidentificationFixture>
{
    private readonly CorpusDeidentificationFixture _fixture;

    public CorpusDeidentificationTests(CorpusDeidentificationFixture fixture) => _fixture = fixture;

    public static TheoryData<string> Files => new(PydicomCorpusTests.ReadableLabels());

    [Theory]
    [MemberData(nameof(Files))]
    public void Deidentify_CorpusFile_QuarantinesExactlyTheExpectedFiles(string label)
    {
        // Arrange
        QuarantineCode? expected = DeidentificationCorpusExpectations.Quarantined.TryGetValue(label, out var code) ? code : null;

        // Act
        var result = _fixture.Results[label];

        // Assert
        Assert.Equal(expected, result.Quarantine?.Code);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Deidentify_CorpusFile_DcmdumpReadsTheOutputWithoutWarnings(string label)
    {
        // Arrange
        if (!_fixture.Written.TryGetValue(label, out var path))
        {
            return; // no SOP Class or Instance UID: nothing was written, and the test above checks why
        }

        var dcmdump = Peers.Require("dcmdump", "dcmtk");

        // Act
        var run = await ProcessRunner.RunAsync(dcmdump, ["-dc", "+fo", path]).DefaultTimeout();

        // Assert
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(string.Empty, run.StandardError);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Deidentify_CorpusFile_PydicomReadsTheOutputWithoutForce(string label)
    {
        // Arrange
        if (!_fixture.Written.ContainsKey(label))
        {
            return;
        }

        // Act
        var dump = _fixture.Pydicom[label];

        // Assert
        Assert.Equal("ok", (string?)dump["status"]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Deidentify_CorpusFile_RecordsWhatWasDone(string label)
    {
        // Arrange
        if (_fixture.Relaxed[label] is not { IsQuarantined: false } result)
        {
            return;
        }

        // Act
        var dataset = DicomFile.Open(_fixture.Written[label]).Dataset;

        // Assert
        Assert.Equal("YES", dataset.GetString(DicomTags.PatientIdentityRemoved));
        Assert.Equal("MODIFIED", dataset.GetString(DicomTags.LongitudinalTemporalInformationModified));
        Assert.Equal(result.Report.SopInstanceUid, dataset.GetString(DicomTags.SOPInstanceUID));
        var meta = DicomFile.Open(_fixture.Written[label]).FileMetaInformation;
        Assert.Equal(result.Report.SopInstanceUid, meta.GetString(DicomTags.MediaStorageSOPInstanceUID));
        Assert.NotNull(dataset.GetSequence(DicomTags.EncryptedAttributesSequence));
        Assert.DoesNotContain(dataset, element => element.Tag.IsPrivate);
    }
}

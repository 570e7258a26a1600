using Hydra.Dicom.Tests.Support;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Interop;

/// <summary>
/// Every file of pydicom's corpus (data/test_files and data/charset_files) read by the codec gives the elements and
/// values pydicom reads, compared through the canonical JSON of Interop/pydicom_dump.py.
/// </summary>
public sealed class PydicomCorpusTests
{
    public static TheoryData<string> ReadableFiles => new(ReadableLabels());

    public static IEnumerable<string> ReadableLabels() => Pydicom.CorpusFiles().Where(f => !CorpusExpectations.Rejected.ContainsKey(f));

    [Theory]
    [MemberData(nameof(ReadableFiles))]
    public async Task Open_CorpusFile_GivesPydicomElementsAndValues(string label)
    {
        // Arrange
        var corpus = await Pydicom.CorpusAsync().DefaultTimeout();
        var expected = corpus[label];
        Assert.True((string)expected["status"]! is "ok" or "force", $"pydicom could not read {label}: {expected["error"]}");

        // Act
        var file = DicomFile.Open(Pydicom.CorpusPath(label));

        // Assert
        JsonAssert.Same(expected["meta"], CanonicalJson.Render(file.FileMetaInformation), "meta");
        JsonAssert.Same(expected["dataset"], CanonicalJson.Render(file.Dataset), "dataset");
    }

    public static TheoryData<string> RejectedFiles => new(CorpusExpectations.Rejected.Keys);

    [Theory]
    [MemberData(nameof(RejectedFiles))]
    public void Open_BrokenCorpusFile_ThrowsFormatExceptionNamingOffsetTagAndReason(string label)
    {
        // Arrange
        var (reason, offset, tag) = CorpusExpectations.Rejected[label];

        // Act
        var error = Assert.Throws<DicomFormatException>(() => DicomFile.Open(Pydicom.CorpusPath(label)));

        // Assert
        Assert.Equal(reason, error.Reason);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(tag, error.Tag);
        Assert.Contains(offset.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }
}

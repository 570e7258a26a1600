using Hydra.Dicom.Tests.Support;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Interop;

/// <summary>Read then write: dcmdump and pydicom read the output without complaint and with the same content.</summary>
public sealed class RoundTripTests : IClassFixture<RoundTripFixture>
{
    private readonly RoundTripFixture _fixture;

    public RoundTripTests(RoundTripFixture fixture) => _fixture = fixture;

    public static TheoryData<string> Files => PydicomCorpusTests.ReadableFiles;

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Save_CorpusFile_PydicomReadsTheSameDataset(string label)
    {
        // Arrange
        var original = (await Pydicom.CorpusAsync().DefaultTimeout())[label];

        // Act
        var written = _fixture.PydicomOfWritten[label];

        // Assert
        Assert.Equal("ok", (string?)written["status"]);
        JsonAssert.Same(JsonFilters.WithoutGroupLengths(original["dataset"]), JsonFilters.WithoutGroupLengths(written["dataset"]), "dataset");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Save_CorpusFile_CodecReadsTheSameDatasetAndPydicomTheSameMeta(string label)
    {
        // Arrange
        var original = DicomFile.Open(Pydicom.CorpusPath(label));

        // Act
        var reread = DicomFile.Open(_fixture.Written[label]);

        // Assert
        JsonAssert.Same(JsonFilters.WithoutGroupLengths(CanonicalJson.Render(original.Dataset)),
            JsonFilters.WithoutGroupLengths(CanonicalJson.Render(reread.Dataset)), "dataset");
        JsonAssert.Same(_fixture.PydicomOfWritten[label]["meta"], CanonicalJson.Render(reread.FileMetaInformation), "meta");
        Assert.Equal(original.TransferSyntax, reread.TransferSyntax);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Save_CorpusFile_DcmdumpReadsItWithoutWarnings(string label)
    {
        // Arrange
        var dcmdump = Peers.Require("dcmdump", "dcmtk");
        var input = await ProcessRunner.RunAsync(dcmdump, ["-dc", Pydicom.CorpusPath(label)]).DefaultTimeout();

        // Act
        var output = await ProcessRunner.RunAsync(dcmdump, ["-dc", "+fo", _fixture.Written[label]]).DefaultTimeout();

        // Assert
        Assert.True(output.ExitCode == 0, output.StandardError);
        if (CorpusExpectations.InvalidContent.Contains(label))
        {
            Assert.All(Lines(output.StandardError), warning => Assert.Contains(warning, Lines(input.StandardError)));
        }
        else
        {
            Assert.Equal(string.Empty, output.StandardError);
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Save_CorpusFile_IsByteIdenticalUnlessTheInputWasNotCanonical(string label)
    {
        // Arrange
        var input = File.ReadAllBytes(Pydicom.CorpusPath(label));

        // Act
        var output = File.ReadAllBytes(_fixture.Written[label]);

        // Assert
        if (CorpusExpectations.NonCanonical.TryGetValue(label, out var why))
        {
            Assert.False(input.AsSpan().SequenceEqual(output), $"{label} is listed as not canonical ({why}) but round-trips exactly.");
        }
        else
        {
            Assert.True(input.AsSpan().SequenceEqual(output), $"{label} changed: first difference at byte {FirstDifference(input, output)}.");
        }
    }

    private static int FirstDifference(byte[] a, byte[] b) => a.AsSpan().CommonPrefixLength(b);

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

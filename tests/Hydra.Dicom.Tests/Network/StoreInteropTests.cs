using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Network;
using Hydra.Dicom.Network.Services;
using Hydra.Dicom.Tests.Network.Support;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Network;

/// <summary>dcmtk's storescu sending the pydicom corpus to our C-STORE SCP, each file in its own transfer syntax.</summary>
public sealed class StoreInteropTests : IAsyncLifetime
{
    private readonly RecordingStoreHandler _store = new();
    private readonly TempDirectory _folder = new("hydra-store");
    private TestServer _server = null!;

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Dcmtk.CorpusFolder, "*.dcm").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        foreach (var path in Directory.GetFiles(Path.Combine(Dcmtk.CorpusFolder, "..", "charset_files"), "*.dcm").Order(StringComparer.Ordinal))
        {
            data.Add("../charset_files/" + Path.GetFileName(path));
        }

        return data;
    }

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new DicomServerHandlers { Store = _store });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task Storescu_CorpusFileInItsOwnSyntax_ArrivesAsTheSameDataset(string name)
    {
        // Arrange
        var path = Dcmtk.Corpus(name);
        DicomFile original;
        try
        {
            original = DicomFile.Open(path);
        }
        catch (DicomFormatException)
        {
            return; // truncated corpus files (CorpusExpectations of the codec tests); dcmtk refuses them too
        }

        if (StoreCorpus.NotSendable(name, original) is { } reason)
        {
            Assert.False(string.IsNullOrEmpty(reason));
            return;
        }

        var sopClass = original.Dataset.GetString(DicomTags.SOPClassUID)!;
        var dcmtkProblem = StoreCorpus.DcmtkCannotSend.GetValueOrDefault(name);
        var config = StorescuConfig.Write(_folder.Path, sopClass, original.TransferSyntax.Uid);

        // Act
        var result = await Dcmtk.RunAsync("storescu", "-aet", "STORESCU", "-aec", "HYDRA", "-xf", config, StorescuConfig.Profile,
            "127.0.0.1", _server.PortText, path).DefaultTimeout();

        // Assert
        if (dcmtkProblem is not null)
        {
            Assert.Contains(dcmtkProblem, result.Output);
            Assert.Empty(_store.Received);
            return;
        }

        Assert.True(result.ExitCode == 0, result.Output);
        var received = Assert.Single(_store.Received);
        Assert.Equal(original.TransferSyntax, received.TransferSyntax);
        Assert.Equal(original.Dataset.GetString(DicomTags.SOPInstanceUID), received.SopInstanceUid);
        Assert.Equal(DatasetText.Describe(original.Dataset), DatasetText.Describe(received.Parse()));
        if (StoreCorpus.ByteIdentical.Contains(name))
        {
            Assert.Equal(Part10.DatasetBytesWithoutTrailingPadding(path, original), received.Dataset);
        }
    }

    [Fact]
    public async Task Storescu_HandlerWritesPart10_DcmdumpReadsTheFileAndItEqualsTheOriginal()
    {
        // Arrange
        var target = _folder.Combine("received.dcm");
        await using var server = await TestServer.StartAsync(new DicomServerHandlers { Store = new Part10FileHandler(target) });
        var path = Dcmtk.Corpus("CT_small.dcm");

        // Act
        var result = await Dcmtk.RunAsync("storescu", "-aec", "HYDRA", "127.0.0.1", server.PortText, path).DefaultTimeout();
        var dump = await Dcmtk.RunAsync("dcmdump", "-dc", target).DefaultTimeout();

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.True(dump.ExitCode == 0 && !dump.Output.Contains("W: ", StringComparison.Ordinal), dump.Output);
        var written = DicomFile.Open(target);
        Assert.Equal("STORESCU", written.FileMetaInformation.GetString(DicomTags.SourceApplicationEntityTitle));
        Assert.Equal(Part10.DatasetBytesWithoutTrailingPadding(path, DicomFile.Open(path)), Part10.DatasetBytes(target));
    }

    [Fact]
    public async Task Storescu_HandlerRefusesWithA700_StorescuReportsTheStatus()
    {
        // Arrange
        _store.Answer = _ => new DicomStoreResult(DicomStatus.OutOfResources, "disk full");

        // Act
        var result = await Dcmtk.RunAsync("storescu", "-v", "-aec", "HYDRA", "127.0.0.1", _server.PortText, Dcmtk.Corpus("CT_small.dcm"))
            .DefaultTimeout();

        // Assert
        Assert.Contains("Received Store Response (Refused: OutOfResources)", result.Output);
        Assert.Single(_store.Received);
    }

    private sealed class Part10FileHandler(string path) : IDicomStoreHandler
    {
        public async Task<DicomStoreResult> StoreAsync(DicomStoreRequest request, CancellationToken cancellationToken)
        {
            await using var file = File.Create(path);
            await request.WritePart10Async(file, cancellationToken);
            return DicomStoreResult.Success;
        }
    }
}

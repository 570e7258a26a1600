using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Network;
using Hydra.Dicom.Tests.Network.Support;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Network;

/// <summary>dcmtk's findscu, getscu and movescu against our C-FIND, C-GET and C-MOVE SCP over <see cref="TestArchive"/>.</summary>
public sealed class QueryRetrieveInteropTests : IAsyncLifetime
{
    private const string FirstStudy = "1.2.826.0.1.3680043.10.1.1";
    private readonly TestArchive _archive = new();
    private readonly TempDirectory _folder = new("hydra-qr");
    private readonly int _moveScuPort = FreePort.Next();
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new DicomServerHandlers { Find = _archive, Retrieve = _archive },
        options => options.MoveDestinations["MOVESCU"] = new DicomMoveDestination("127.0.0.1", _moveScuPort));

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task Findscu_StudyRootWildcardAndDateRange_ReturnsTheMatchingStudyWithRequestedKeys()
    {
        // Arrange
        var output = NewFolder();

        // Act
        var result = await Dcmtk.RunAsync("findscu", "-S", "-X", "-od", output, "-aec", "HYDRA",
            "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientName=DOE*", "-k", "StudyDate=20200101-20201231", "-k", "StudyInstanceUID",
            "-k", "ModalitiesInStudy", "127.0.0.1", _server.PortText).DefaultTimeout();

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        var response = Assert.Single(Directory.GetFiles(output, "rsp*.dcm"));
        var dataset = DicomFile.Open(response).Dataset;
        Assert.Equal(FirstStudy, dataset.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal("DOE^JOHN", dataset.GetString(DicomTags.PatientName));
        Assert.Equal("CT", dataset.GetString(DicomTags.ModalitiesInStudy));
        Assert.Equal("STUDY", dataset.GetString(DicomTags.QueryRetrieveLevel));
        Assert.Null(dataset[DicomTags.PatientID]);
    }

    [Fact]
    public async Task Findscu_PatientRootPatientLevel_ReturnsEachPatientOnce()
    {
        // Arrange
        var output = NewFolder();

        // Act
        var result = await Dcmtk.RunAsync("findscu", "-P", "-X", "-od", output, "-aec", "HYDRA",
            "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID", "-k", "PatientName", "127.0.0.1", _server.PortText).DefaultTimeout();

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        var ids = Directory.GetFiles(output, "rsp*.dcm").Select(f => DicomFile.Open(f).Dataset.GetString(DicomTags.PatientID)).Order();
        Assert.Equal(["P1", "P2"], ids);
    }

    [Fact]
    public async Task Findscu_SeriesLevelUidList_ReturnsTheListedSeries()
    {
        // Arrange
        var output = NewFolder();

        // Act
        var result = await Dcmtk.RunAsync("findscu", "-S", "-X", "-od", output, "-aec", "HYDRA",
            "-k", "QueryRetrieveLevel=SERIES", "-k", $"StudyInstanceUID={FirstStudy}", "-k", $"SeriesInstanceUID={FirstStudy}.2\\{FirstStudy}.9",
            "127.0.0.1", _server.PortText).DefaultTimeout();

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        var response = Assert.Single(Directory.GetFiles(output, "rsp*.dcm"));
        Assert.Equal($"{FirstStudy}.2", DicomFile.Open(response).Dataset.GetString(DicomTags.SeriesInstanceUID));
    }

    [Fact]
    public async Task Findscu_StudyRootAtPatientLevel_IsRefusedWithA900()
    {
        // Act
        var result = await Dcmtk.RunAsync("findscu", "-S", "-v", "-aec", "HYDRA", "-k", "QueryRetrieveLevel=PATIENT", "-k", "PatientID",
            "127.0.0.1", _server.PortText).DefaultTimeout();

        // Assert
        Assert.Contains("Received Final Find Response (Error: DataSetDoesNotMatchSOPClass)", result.Output);
    }

    [Fact]
    public async Task Getscu_Study_ReceivesEveryInstanceOnTheSameAssociation()
    {
        // Arrange
        var output = NewFolder();

        // Act
        var result = await Dcmtk.RunAsync("getscu", "-S", "-od", output, "-aec", "HYDRA", "-k", "QueryRetrieveLevel=STUDY",
            "-k", $"StudyInstanceUID={FirstStudy}", "127.0.0.1", _server.PortText).DefaultTimeout();

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        var received = Directory.GetFiles(output).Select(f => DicomFile.Open(f).Dataset).ToList();
        Assert.Equal(2, received.Count);
        foreach (var dataset in received)
        {
            var original = _archive.Instances.Single(f => f.Dataset.GetString(DicomTags.SOPInstanceUID) == dataset.GetString(DicomTags.SOPInstanceUID));
            Assert.Equal(DatasetText.Describe(original.Dataset), DatasetText.Describe(dataset));
        }
    }

    [Fact]
    public async Task Movescu_Study_SendsEveryInstanceToTheDestinationWithPendingCounts()
    {
        // Arrange
        var output = NewFolder();

        // Act
        var result = await Dcmtk.RunAsync("movescu", "-S", "-v", "-od", output, "-aec", "HYDRA", "-aem", "MOVESCU",
            "+P", _moveScuPort.ToString(), "-k", "QueryRetrieveLevel=STUDY", "-k", $"StudyInstanceUID={FirstStudy}", "127.0.0.1",
            _server.PortText).DefaultTimeout();

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(2, Directory.GetFiles(output).Length);
        Assert.Contains("Pending", result.Output);
        Assert.Contains("Received Final Move Response (Success)", result.Output);
    }

    [Fact]
    public async Task Movescu_UnknownDestination_IsRefusedWithA801AndLogged()
    {
        // Act
        var result = await Dcmtk.RunAsync("movescu", "-S", "-v", "-aec", "HYDRA", "-aem", "NOWHERE", "-k", "QueryRetrieveLevel=STUDY",
            "-k", $"StudyInstanceUID={FirstStudy}", "127.0.0.1", _server.PortText).DefaultTimeout();

        // Assert
        Assert.Contains("Received Final Move Response (Refused: MoveDestinationUnknown)", result.Output);
        await _server.Logs.WaitForAsync("MoveDestinationUnknown").DefaultTimeout();
    }

    private string NewFolder()
    {
        var path = _folder.Combine(Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}

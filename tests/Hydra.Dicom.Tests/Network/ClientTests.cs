using System.Runtime.CompilerServices;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Network;
using Hydra.Dicom.Network.Services;
using Hydra.Dicom.Tests.Network.Support;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Network;

/// <summary>Our SCU: C-STORE into dcmtk's storescp, and C-FIND, C-GET, C-MOVE against our own SCP.</summary>
public sealed class ClientTests : IDisposable
{
    private const string FirstStudy = "1.2.826.0.1.3680043.10.1.1";
    private readonly TempDirectory _folder = new("hydra-client");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task StoreAsync_ToStorescp_EachFileArrivesInItsOwnSyntaxAsTheSameDataset()
    {
        // Arrange
        var files = new[] { "CT_small.dcm", "rtplan.dcm", "JPEG2000.dcm", "MR_small_RLE.dcm", "SC_rgb_jpeg_dcmtk.dcm" }
            .Select(n => DicomFile.Open(Dcmtk.Corpus(n))).ToList();
        var (storescp, port, output) = await StartStorescpAsync("+xa");
        using var _ = storescp;

        // Act
        var results = await new DicomClient(new DicomClientOptions { CalledAeTitle = "REF", Port = port })
            .StoreAsync(files, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.All(results, r => Assert.Equal(DicomStatus.Success, r.Status));
        var stored = Directory.GetFiles(output).Select(f => DicomFile.Open(f)).ToDictionary(f => f.Dataset.GetString(DicomTags.SOPInstanceUID)!);
        foreach (var file in files)
        {
            var copy = stored[file.Dataset.GetString(DicomTags.SOPInstanceUID)!];
            Assert.Equal(file.TransferSyntax, copy.TransferSyntax);
            Assert.Equal(DatasetText.Describe(file.Dataset), DatasetText.Describe(copy.Dataset));
        }
    }

    [Fact]
    public async Task StoreAsync_PeerAcceptsOnlyImplicit_ConvertsExplicitLosslessly()
    {
        // Arrange
        var file = DicomFile.Open(Dcmtk.Corpus("CT_small.dcm"));
        var (storescp, port, output) = await StartStorescpAsync("+xi");
        using var _ = storescp;

        // Act
        var results = await new DicomClient(new DicomClientOptions { CalledAeTitle = "REF", Port = port })
            .StoreAsync([file], CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(DicomStatus.Success, Assert.Single(results).Status);
        var copy = DicomFile.Open(Assert.Single(Directory.GetFiles(output)));
        Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian, copy.TransferSyntax);
        Assert.Equal(DatasetText.Describe(file.Dataset), DatasetText.Describe(copy.Dataset));
    }

    [Fact]
    public async Task StoreAsync_CompressedFileToImplicitOnlyPeer_FailsWithoutTranscoding()
    {
        // Arrange
        var file = DicomFile.Open(Dcmtk.Corpus("JPEG2000.dcm"));
        var (storescp, port, _) = await StartStorescpAsync("+xi");
        using var __ = storescp;
        var client = new DicomClient(new DicomClientOptions { CalledAeTitle = "REF", Port = port });

        // Act
        var error = await Assert.ThrowsAsync<DicomNetworkException>(() => client.StoreAsync([file], CancellationToken.None)).DefaultTimeout();

        // Assert
        Assert.Contains("can carry JPEG 2000", error.Message);
        Assert.Empty(Directory.GetFiles(_folder.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task FindGetMove_OwnClientAgainstOwnServer_WorkEndToEnd()
    {
        // Arrange
        var archive = new TestArchive();
        var destination = new RecordingStoreHandler();
        await using var target = await TestServer.StartAsync(new DicomServerHandlers { Store = destination }, o => o.AeTitle = "DEST");
        await using var server = await TestServer.StartAsync(new DicomServerHandlers { Find = archive, Retrieve = archive },
            o => o.MoveDestinations["DEST"] = new DicomMoveDestination("127.0.0.1", target.Port));
        var received = new RecordingStoreHandler();
        var proposal = new DicomAssociationProposal()
            .AddQueryRetrieve(DicomSopClasses.StudyRootFind)
            .AddQueryRetrieve(DicomSopClasses.StudyRootGet)
            .AddQueryRetrieve(DicomSopClasses.StudyRootMove)
            .AddStorage(archive.Instances[0].Dataset.GetString(DicomTags.SOPClassUID)!, DicomTransferSyntax.ExplicitVRLittleEndian)
            .AddRoleSelection(archive.Instances[0].Dataset.GetString(DicomTags.SOPClassUID)!, scuRole: false, scpRole: true);
        var query = new DicomDataset();
        query.SetString(DicomTags.QueryRetrieveLevel, "STUDY");
        query.SetString(DicomTags.StudyInstanceUID, FirstStudy);
        query.SetString(DicomTags.PatientName, "doe^john");

        // Act
        await using var association = await server.Client().ConnectAsync(proposal, received, CancellationToken.None).DefaultTimeout();
        var matches = await association.FindAsync(DicomSopClasses.StudyRootFind, query, CancellationToken.None).ToListAsync().AsTask().DefaultTimeout();
        var get = await association.GetAsync(DicomSopClasses.StudyRootGet, query, CancellationToken.None).DefaultTimeout();
        var move = await association.MoveAsync(DicomSopClasses.StudyRootMove, query, "DEST", CancellationToken.None).DefaultTimeout();
        await association.ReleaseAsync(CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(FirstStudy, Assert.Single(matches).GetString(DicomTags.StudyInstanceUID));
        Assert.Equal(DicomStatus.Success, get.Status);
        Assert.Equal(new DicomSubOperationCounts(0, 2, 0, 0), get.Counts);
        Assert.Equal(2, received.Received.Count);
        Assert.Equal(DicomStatus.Success, move.Status);
        Assert.All(destination.Received, r => Assert.Equal("TESTSCU", r.MoveOriginatorAeTitle));
        Assert.Equal(2, destination.Received.Count);
    }

    [Fact]
    public async Task GetAsync_WithoutScpRole_FailsEverySubOperationWithA702()
    {
        // Arrange
        var archive = new TestArchive();
        await using var server = await TestServer.StartAsync(new DicomServerHandlers { Retrieve = archive });
        var query = new DicomDataset();
        query.SetString(DicomTags.QueryRetrieveLevel, "STUDY");
        query.SetString(DicomTags.StudyInstanceUID, FirstStudy);

        // Act
        await using var association = await server.Client().ConnectAsync(new DicomAssociationProposal().AddQueryRetrieve(DicomSopClasses.StudyRootGet),
            new RecordingStoreHandler(), CancellationToken.None).DefaultTimeout();
        var get = await association.GetAsync(DicomSopClasses.StudyRootGet, query, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(DicomStatus.OutOfResourcesUnableToPerformSubOperations, get.Status);
        Assert.Equal(2, get.Counts.Failed);
        Assert.Equal(2, get.FailedSopInstanceUids.Count);
        await server.Logs.WaitForAsync("SubOperationFailed").DefaultTimeout();
    }

    [Fact]
    public async Task FindAsync_CancelledAfterFirstMatch_ServerStopsAndAnswersCancel()
    {
        // Arrange
        await using var server = await TestServer.StartAsync(new DicomServerHandlers { Find = new EndlessCatalog() });
        var query = new DicomDataset();
        query.SetString(DicomTags.QueryRetrieveLevel, "PATIENT");
        query.SetString(DicomTags.PatientID, string.Empty);
        using var cancel = new CancellationTokenSource();
        await using var association = await server.Client()
            .ConnectAsync(new DicomAssociationProposal().AddQueryRetrieve(DicomSopClasses.PatientRootFind).AddVerification(), null,
                CancellationToken.None).DefaultTimeout();

        // Act
        var seen = 0;
        var error = await Record.ExceptionAsync(async () =>
        {
            await foreach (var _ in association.FindAsync(DicomSopClasses.PatientRootFind, query, cancel.Token))
            {
                seen++;
                cancel.Cancel();
            }
        }).DefaultTimeout();

        // Assert
        Assert.IsAssignableFrom<OperationCanceledException>(error);
        Assert.True(seen >= 1);
        await server.Logs.WaitForAsync("OperationCancelled").DefaultTimeout();
        Assert.Equal(DicomStatus.Success, await association.EchoAsync(CancellationToken.None).DefaultTimeout());
    }

    [Fact]
    public async Task GetAsync_Cancelled_StopsBetweenSubOperationsWithCancelAndCounts()
    {
        // Arrange
        var archive = new TestArchive();
        var slow = new SlowRetrieve(archive.Instances[0], count: 200);
        await using var server = await TestServer.StartAsync(new DicomServerHandlers { Retrieve = slow });
        var sopClass = archive.Instances[0].Dataset.GetString(DicomTags.SOPClassUID)!;
        var proposal = new DicomAssociationProposal().AddQueryRetrieve(DicomSopClasses.PatientRootGet)
            .AddStorage(sopClass, DicomTransferSyntax.ExplicitVRLittleEndian).AddRoleSelection(sopClass, false, true);
        var query = new DicomDataset();
        query.SetString(DicomTags.QueryRetrieveLevel, "PATIENT");
        query.SetString(DicomTags.PatientID, "P1");
        using var cancel = new CancellationTokenSource();
        var received = new RecordingStoreHandler();
        received.Answer = _ =>
        {
            if (received.Received.Count == 3)
            {
                cancel.Cancel();
            }

            return Hydra.Dicom.Network.Services.DicomStoreResult.Success;
        };
        await using var association = await server.Client().ConnectAsync(proposal, received, CancellationToken.None).DefaultTimeout();

        // Act
        var result = await association.GetAsync(DicomSopClasses.PatientRootGet, query, cancel.Token).DefaultTimeout();

        // Assert
        Assert.Equal(DicomStatus.Cancel, result.Status);
        Assert.True(result.Counts.Remaining > 0 && result.Counts.Completed >= 3, result.Counts.ToString());
        Assert.Equal(200, result.Counts.Remaining + result.Counts.Completed);
        await server.Logs.WaitForAsync("OperationCancelled").DefaultTimeout();
    }

    private async Task<(PeerProcess Process, int Port, string Output)> StartStorescpAsync(string syntaxOption)
    {
        var output = _folder.Combine(Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        var port = FreePort.Next();
        var process = PeerProcess.Start(Peers.Require("storescp", "dcmtk"), ["-aet", "REF", syntaxOption, "-od", output, port.ToString()]);
        await process.WaitForPortAsync(port).DefaultTimeout();
        return (process, port, output);
    }

    private sealed class SlowRetrieve(DicomFile template, int count) : IDicomRetrieveHandler
    {
        public Task<IReadOnlyList<DicomRetrieveInstance>> FindInstancesAsync(DicomRetrieveRequest request, CancellationToken cancellationToken)
        {
            var sopClass = template.Dataset.GetString(DicomTags.SOPClassUID)!;
            IReadOnlyList<DicomRetrieveInstance> instances = [.. Enumerable.Range(0, count).Select(i => new DicomRetrieveInstance(sopClass,
                "1.2.3." + i, template.TransferSyntax, async ct =>
                {
                    await Task.Delay(10, ct);
                    var dataset = template.Dataset.Clone();
                    dataset.SetString(DicomTags.SOPInstanceUID, "1.2.3." + i);
                    return new DicomFile(dataset, template.TransferSyntax);
                }))];
            return Task.FromResult(instances);
        }
    }

    private sealed class EndlessCatalog : IDicomFindHandler
    {
        public async IAsyncEnumerable<DicomDataset> FindAsync(DicomFindRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            for (var i = 0; ; i++)
            {
                await Task.Delay(20, cancellationToken);
                var record = new DicomDataset();
                record.SetString(DicomTags.PatientID, "P" + i);
                yield return record;
            }
        }
    }
}

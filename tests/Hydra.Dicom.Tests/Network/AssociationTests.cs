using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Hydra.Dicom.Network;
using Hydra.Dicom.Network.Pdu;
using Hydra.Dicom.Tests.Network.Support;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Network;

/// <summary>Negotiation outcomes, access control by AE title, limits, release collision and graceful shutdown.</summary>
public sealed class AssociationTests
{
    [Theory]
    [InlineData("WRONG", "RAW", 1, 7)]
    [InlineData("HYDRA", "STRANGER", 1, 3)]
    public async Task AeTitles_NotConfigured_AreRejectedWithTheirSourceAndReason(string called, string calling, byte source, byte reason)
    {
        // Arrange
        await using var server = await TestServer.StartAsync(new DicomServerHandlers(), o => o.AllowedCallingAeTitles.Add("RAW"));
        await using var peer = await RawPeer.ConnectAsync(server.Port);

        // Act
        await peer.SendAsync(RawPeer.AssociateRequest(called, calling));
        var answer = await peer.ReadPduAsync().DefaultTimeout();

        // Assert
        Assert.Equal([0x03, 0, 0, 0, 0, 4, 0, 1, source, reason], answer);
        await server.Logs.WaitForAsync("AssociationRejected").DefaultTimeout();
    }

    [Fact]
    public async Task Echoscu_WrongCalledAeTitle_ReportsTheRejection()
    {
        // Arrange
        await using var server = await TestServer.StartAsync(new DicomServerHandlers());

        // Act
        var result = await Dcmtk.RunAsync("echoscu", "-aec", "OTHER", "127.0.0.1", server.PortText).DefaultTimeout();

        // Assert
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Called AE Title Not Recognized", result.Output);
    }

    [Fact]
    public async Task NothingAcceptable_RejectsTheAssociation()
    {
        // Arrange
        await using var server = await TestServer.StartAsync(new DicomServerHandlers());
        var client = server.Client();

        // Act
        var error = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() =>
            client.ConnectAsync(new DicomAssociationProposal().AddStorage("1.2.840.10008.5.1.4.1.1.2", DicomTransferSyntax.ExplicitVRLittleEndian),
                null, CancellationToken.None)).DefaultTimeout();

        // Assert
        Assert.Equal(DicomRejectSource.ServiceUser, error.RejectSource);
        Assert.Contains("no presentation context is acceptable", (await server.Logs.WaitForAsync("AssociationRejected").DefaultTimeout()).Message);
    }

    [Fact]
    public async Task Negotiation_RejectsUnsupportedPerContext_AndFollowsTheSyntaxPreference()
    {
        // Arrange
        await using var server = await TestServer.StartAsync(new DicomServerHandlers { Store = new RecordingStoreHandler() }, o =>
        {
            o.TransferSyntaxes.Clear();
            o.TransferSyntaxes.Add(DicomTransferSyntax.ImplicitVRLittleEndian);
            o.TransferSyntaxes.Add(DicomTransferSyntax.ExplicitVRLittleEndian);
        });
        var proposal = new DicomAssociationProposal()
            .Add("1.2.840.10008.5.1.4.1.1.2", DicomTransferSyntax.ExplicitVRLittleEndian, DicomTransferSyntax.ImplicitVRLittleEndian)
            .Add("1.2.840.10008.5.1.4.1.1.4", DicomTransferSyntax.JpegBaseline)
            .Add("1.2.3.4.5.6", DicomTransferSyntax.ExplicitVRLittleEndian);

        // Act
        await using var association = await server.Client().ConnectAsync(proposal, null, CancellationToken.None).DefaultTimeout();

        // Assert
        var contexts = association.Context.PresentationContexts;
        Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian, contexts[0].TransferSyntax);
        Assert.Equal(DicomPresentationContextResult.TransferSyntaxesNotSupported, contexts[1].Result);
        Assert.Equal(DicomPresentationContextResult.AbstractSyntaxNotSupported, contexts[2].Result);
        await association.ReleaseAsync(CancellationToken.None).DefaultTimeout();
    }

    [Fact]
    public async Task ExtendedNegotiationAndUserIdentity_AreKeptOrIgnored_AndTheAssociationAccepted()
    {
        // Arrange: an A-ASSOCIATE-RQ whose user information also holds SOP Class Extended Negotiation (0x56) and
        // User Identity (0x58) sub-items (PS3.7 D.3.3.5, D.3.3.7).
        var request = RawPeer.AssociateRequest();
        byte[] extended = [0x56, 0, 0, 9, 0, 5, .. "1.2.3"u8, 1, 0];
        byte[] identity = [0x58, 0, 0, 10, 1, 0, 0, 4, .. "user"u8, 0, 0];
        byte[] pdu = [.. request, .. extended, .. identity];
        var userInformation = request.AsSpan().LastIndexOf((byte)0x50);
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(2), (uint)(pdu.Length - 6));
        var itemLength = BinaryPrimitives.ReadUInt16BigEndian(pdu.AsSpan(userInformation + 2));
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(userInformation + 2), (ushort)(itemLength + extended.Length + identity.Length));
        await using var server = await TestServer.StartAsync(new DicomServerHandlers());
        await using var peer = await RawPeer.ConnectAsync(server.Port);

        // Act
        var parsed = PduParser.ParseAssociate(pdu);
        var answer = await peer.AssociateAsync(pdu).DefaultTimeout();

        // Assert
        var item = Assert.Single(parsed.UserInformation.ExtendedNegotiations);
        Assert.Equal("1.2.3", item.SopClassUid);
        Assert.Equal(new byte[] { 1, 0 }, item.ApplicationInformation.ToArray());
        Assert.True(parsed.UserInformation.HasUserIdentity);
        Assert.Equal(0x02, answer);
    }

    [Fact]
    public async Task MaxAssociations_Exceeded_RejectsTransientlyAndLogs()
    {
        // Arrange
        await using var server = await TestServer.StartAsync(new DicomServerHandlers(), o => o.MaxAssociations = 1);
        await using var first = await server.Client().ConnectAsync(new DicomAssociationProposal().AddVerification(), null, CancellationToken.None)
            .DefaultTimeout();

        // Act
        var error = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() => server.Client().EchoAsync(CancellationToken.None))
            .DefaultTimeout();

        // Assert
        Assert.Equal(DicomRejectResult.Transient, error.Result);
        Assert.Equal(DicomRejectSource.ServiceProviderPresentation, error.RejectSource);
        await server.Logs.WaitForAsync("TooManyAssociations").DefaultTimeout();
        await first.ReleaseAsync(CancellationToken.None).DefaultTimeout();
    }

    [Fact]
    public async Task ManyConcurrentAssociations_AllSucceed()
    {
        // Arrange
        var store = new RecordingStoreHandler();
        await using var server = await TestServer.StartAsync(new DicomServerHandlers { Store = store });
        var file = DicomFile.Open(Dcmtk.Corpus("CT_small.dcm"));

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => server.Client().StoreAsync([file, file], CancellationToken.None)))
            .DefaultTimeout();

        // Assert
        Assert.All(results.SelectMany(r => r), r => Assert.Equal(DicomStatus.Success, r.Status));
        Assert.Equal(32, store.Received.Count);
    }

    [Fact]
    public async Task ReleaseCollision_RequestorAnswersThenGetsTheAnswer()
    {
        // Arrange: a hand-driven acceptor that answers our A-RELEASE-RQ with its own (PS3.8 9.2, Sta9-Sta11).
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var acceptor = Task.Run(async () =>
        {
            await using var peer = RawPeer.Wrap(await listener.AcceptTcpClientAsync());
            var request = PduParser.ParseAssociate(await peer.ReadPduAsync());
            await peer.SendAsync(PduEncoder.EncodeAssociate(new AssociatePdu
            {
                CalledAeTitle = request.CalledAeTitle,
                CallingAeTitle = request.CallingAeTitle,
                Outcomes = [new PresentationContextOutcome(1, DicomPresentationContextResult.Acceptance, "1.2.840.10008.1.2.1")],
                UserInformation = new UserInformation { MaxPduLength = 16384, ImplementationClassUid = "1.2.3" },
            }, request: false));
            var release = await peer.ReadPduAsync();
            await peer.SendAsync(PduEncoder.EncodeReleaseRequest());
            var answer = await peer.ReadPduAsync();
            await peer.SendAsync(PduEncoder.EncodeReleaseResponse());
            var end = await peer.ReadPduAsync();
            return (release![0], answer![0], end);
        });
        var client = new DicomClient(new DicomClientOptions { CalledAeTitle = "FAKE", Port = port });

        // Act
        await using var association = await client.ConnectAsync(new DicomAssociationProposal().AddVerification(), null, CancellationToken.None)
            .DefaultTimeout();
        await association.ReleaseAsync(CancellationToken.None).DefaultTimeout();
        var (release, answer, end) = await acceptor.DefaultTimeout();

        // Assert
        Assert.Equal(0x05, release);
        Assert.Equal(0x06, answer);
        Assert.Null(end);
    }

    [Fact]
    public async Task StopAsync_WaitsForAssociationsThenAbortsThoseStillOpen()
    {
        // Arrange
        var server = await TestServer.StartAsync(new DicomServerHandlers(), o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(300));
        var open = await server.Client().ConnectAsync(new DicomAssociationProposal().AddVerification(), null, CancellationToken.None).DefaultTimeout();

        // Act
        await server.Server.StopAsync(CancellationToken.None).DefaultTimeout();

        // Assert
        await server.Logs.WaitForAsync("ShutdownAborting").DefaultTimeout();
        await server.Logs.WaitForAsync("DicomServerStopped").DefaultTimeout();
        await Assert.ThrowsAnyAsync<DicomNetworkException>(() => open.EchoAsync(CancellationToken.None)).DefaultTimeout();
        await Assert.ThrowsAnyAsync<DicomNetworkException>(() => server.Client().EchoAsync(CancellationToken.None)).DefaultTimeout();
        await open.DisposeAsync();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task PeerMaxPduLength_IsHonouredWithEvenFragments()
    {
        // Arrange: storescp receiving with 4096-byte PDUs; dcmtk rejects fragments above its maximum or of odd length.
        using var folder = new TempDirectory();
        var port = FreePort.Next();
        using var storescp = PeerProcess.Start(Peers.Require("storescp", "dcmtk"), ["-aet", "REF", "-pdu", "4096", "-od", folder.Path, port.ToString()]);
        await storescp.WaitForPortAsync(port).DefaultTimeout();
        var file = DicomFile.Open(Dcmtk.Corpus("SC_rgb_small_odd.dcm"));

        // Act
        var results = await new DicomClient(new DicomClientOptions { CalledAeTitle = "REF", Port = port, MaxPduLength = 0 })
            .StoreAsync([file], CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(DicomStatus.Success, Assert.Single(results).Status);
        Assert.Equal(DatasetText.Describe(file.Dataset), DatasetText.Describe(DicomFile.Open(Assert.Single(Directory.GetFiles(folder.Path))).Dataset));
    }
}

using System.Net;
using Hydra.CertsDev;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Network;
using Hydra.Dicom.Network.Tls;
using Hydra.Dicom.Tests.Network.Support;
using Hydra.Testing;
using Hydra.Testing.Pki;

namespace Hydra.Dicom.Tests.Network;

/// <summary>DICOM TLS (PS3.15 B.1) on its own port: dcmtk peers with dev PKI certificates, our client, and a second TLS plug-in.</summary>
public sealed class TlsTests : IClassFixture<DevPkiFixture>, IAsyncLifetime
{
    private readonly DevPkiFixture _pki;
    private readonly TestArchive _archive = new();
    private readonly RecordingStoreHandler _store = new();
    private TestServer _server = null!;

    public TlsTests(DevPkiFixture pki) => _pki = pki;

    private string TlsPort => _server.Server.TlsEndPoint!.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(
        new DicomServerHandlers { Store = _store, Find = _archive, Retrieve = _archive },
        options =>
        {
            options.TlsPort = 0;
            options.Tls = TlsMaterial.Acceptor(_pki);
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Storescu_OverTlsWithUserCertificate_StoresAndHandlerSeesTheIdentity()
    {
        // Arrange
        var reader = _pki.Pki.User(DevUser.Reader);

        // Act
        var result = await Dcmtk.RunAsync("storescu", "+tls", reader.KeyPath, reader.CertificatePath, "+cf", _pki.Pki.CaCertificatePath,
            "-aec", "HYDRA", "127.0.0.1", TlsPort, Dcmtk.Corpus("CT_small.dcm")).DefaultTimeout();

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        var received = Assert.Single(_store.Received);
        Assert.Contains("CN=Alice Reader", received.PeerIdentity);
    }

    [Fact]
    public async Task Echoscu_And_Findscu_OverTls_Succeed()
    {
        // Arrange
        var clinician = _pki.Pki.User(DevUser.Clinician);
        string[] tls = ["+tls", clinician.KeyPath, clinician.CertificatePath, "+cf", _pki.Pki.CaCertificatePath, "-aec", "HYDRA"];

        // Act
        var echo = await Dcmtk.RunAsync("echoscu", [.. tls, "127.0.0.1", TlsPort]).DefaultTimeout();
        var find = await Dcmtk.RunAsync("findscu", [.. tls, "-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "127.0.0.1", TlsPort])
            .DefaultTimeout();

        // Assert
        Assert.True(echo.ExitCode == 0, echo.Output);
        Assert.True(find.ExitCode == 0, find.Output);
        Assert.Contains(_archive.Callers, c => c.Contains("CN=Claire Clinician", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Echoscu_TlsWithoutClientCertificate_IsRefusedAndLogged()
    {
        // Act
        var result = await Dcmtk.RunAsync("echoscu", "+tla", "-ic", "-aec", "HYDRA", "127.0.0.1", TlsPort).DefaultTimeout();

        // Assert
        Assert.NotEqual(0, result.ExitCode);
        await _server.Logs.WaitForAsync("TlsHandshakeFailed").DefaultTimeout();
        Assert.Equal(DicomStatus.Success, await _server.Client().EchoAsync(CancellationToken.None).DefaultTimeout());
    }

    [Fact]
    public async Task OwnClient_OverTls_GetsStudyWithIdentity()
    {
        // Arrange
        var client = _server.Client(configure: o =>
        {
            o.Port = _server.Server.TlsEndPoint!.Port;
            o.Tls = TlsMaterial.Connector(_pki, DevUser.Reader);
        });
        var sopClass = _archive.Instances[0].Dataset.GetString(DicomTags.SOPClassUID)!;
        var proposal = new DicomAssociationProposal().AddQueryRetrieve(DicomSopClasses.StudyRootGet)
            .AddStorage(sopClass, DicomTransferSyntax.ExplicitVRLittleEndian).AddRoleSelection(sopClass, false, true);
        var received = new RecordingStoreHandler();
        var query = new DicomDataset();
        query.SetString(DicomTags.QueryRetrieveLevel, "STUDY");
        query.SetString(DicomTags.StudyInstanceUID, "1.2.826.0.1.3680043.10.1.3");

        // Act
        await using var association = await client.ConnectAsync(proposal, received, CancellationToken.None).DefaultTimeout();
        var result = await association.GetAsync(DicomSopClasses.StudyRootGet, query, CancellationToken.None).DefaultTimeout();
        await association.ReleaseAsync(CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(DicomStatus.Success, result.Status);
        Assert.Single(received.Received);
        Assert.True(association.Context.IsSecure);
        Assert.Contains("CN=bridge", association.Context.PeerIdentity!.Name);
        Assert.Contains(_archive.Callers, c => c.Contains("CN=Alice Reader", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OwnClient_OverTlsToStorescpWithTls_Stores()
    {
        // Arrange
        var host = _pki.Pki.Host("node1");
        using var folder = new TempDirectory();
        var port = FreePort.Next();
        using var storescp = PeerProcess.Start(Peers.Require("storescp", "dcmtk"),
            ["-aet", "REF", "+tls", host.KeyPath, host.CertificatePath, "+cf", _pki.Pki.CaCertificatePath, "-od", folder.Path, port.ToString()]);
        await storescp.WaitForPortAsync(port).DefaultTimeout();
        var client = new DicomClient(new DicomClientOptions { CalledAeTitle = "REF", Port = port, Tls = TlsMaterial.Connector(_pki, DevUser.Clinician) });

        // Act
        var results = await client.StoreAsync([DicomFile.Open(Dcmtk.Corpus("CT_small.dcm"))], CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(DicomStatus.Success, Assert.Single(results).Status);
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task Movescu_ToDestinationMarkedTls_SubOperationsGoOverTls()
    {
        // Arrange: the destination is storescp on TLS; our server reaches it with its own (bridge) certificate.
        var host = _pki.Pki.Host("node2");
        using var folder = new TempDirectory();
        var storePort = FreePort.Next();
        using var storescp = PeerProcess.Start(Peers.Require("storescp", "dcmtk"),
            ["-aet", "TLSDEST", "+tls", host.KeyPath, host.CertificatePath, "+cf", _pki.Pki.CaCertificatePath, "-od", folder.Path, storePort.ToString()]);
        await storescp.WaitForPortAsync(storePort).DefaultTimeout();
        await using var server = await TestServer.StartAsync(new DicomServerHandlers { Retrieve = _archive }, o =>
        {
            o.MoveDestinations["TLSDEST"] = new DicomMoveDestination("127.0.0.1", storePort, UseTls: true);
            o.OutboundTls = new SslStreamTlsConnector(TlsMaterial.Load(_pki.Pki.Host("bridge")), TlsMaterial.Anchors(_pki));
        });

        // Act
        var result = await Dcmtk.RunAsync("movescu", "-S", "-aec", "HYDRA", "-aem", "TLSDEST", "-k", "QueryRetrieveLevel=STUDY",
            "-k", "StudyInstanceUID=1.2.826.0.1.3680043.10.1.2", "127.0.0.1", server.PortText).DefaultTimeout();

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
    }

    [Fact]
    public async Task PluggedTls_SecondImplementation_ItsIdentityReachesHandlers()
    {
        // Arrange
        var store = new RecordingStoreHandler();
        await using var server = await TestServer.StartAsync(new DicomServerHandlers { Store = store }, o =>
        {
            o.TlsPort = 0;
            o.Tls = new LabelledStreamTls();
        });
        var client = server.Client(configure: o =>
        {
            o.Port = server.Server.TlsEndPoint!.Port;
            o.Tls = new LabelledStreamTls();
        });

        // Act
        var results = await client.StoreAsync([DicomFile.Open(Dcmtk.Corpus("CT_small.dcm"))], CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(DicomStatus.Success, Assert.Single(results).Status);
        Assert.Equal("peer-from-hello:TESTSCU-LINE", Assert.Single(store.Received).PeerIdentity);
    }

    /// <summary>
    /// A trivial "TLS" layer: the client writes a 16-byte hello, the server reads it and names the peer after it. It
    /// stands in for the grid TLS the bridge plugs in, to show the interface alone carries stream and identity.
    /// </summary>
    private sealed class LabelledStreamTls : IDicomTlsAcceptor, IDicomTlsConnector
    {
        public async Task<DicomTlsConnection> AcceptAsync(Stream network, EndPoint? remoteEndPoint, CancellationToken cancellationToken)
        {
            var hello = new byte[16];
            await network.ReadExactlyAsync(hello, cancellationToken);
            return new DicomTlsConnection(network, new Identity("peer-from-hello:" + System.Text.Encoding.ASCII.GetString(hello)));
        }

        public async Task<DicomTlsConnection> ConnectAsync(Stream network, string host, CancellationToken cancellationToken)
        {
            await network.WriteAsync("TESTSCU-LINE    "u8.ToArray().AsMemory(0, 16), cancellationToken);
            return new DicomTlsConnection(network, new Identity(host));
        }

        private sealed record Identity(string Raw) : IDicomPeerIdentity
        {
            public string Name => Raw.TrimEnd();
        }
    }
}

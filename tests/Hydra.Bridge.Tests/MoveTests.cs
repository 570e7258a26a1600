using System.Globalization;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests;

/// <summary>C-MOVE over DICOM TLS: the bridge sends a reader's images, decrypted and de-identified, to a configured destination.</summary>
public sealed class MoveTests : IClassFixture<ClusterFixture>
{
    private readonly ClusterFixture _fixture;

    public MoveTests(ClusterFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Movescu_ThroughTlsAsReader_StudyArrivesAtTheConfiguredStorescp_Deidentified()
    {
        // Act: dcmtk's storescp is the workstation the bridge may send to, on plain DICOM.
        var move = await MoveToStorescpAsync(storescpTls: [], destinationSuffix: string.Empty);

        // Assert
        Assert.True(move.Result.ExitCode == 0, move.Result.Output);
        Assert.Equal(2, move.Files.Count);
        Assert.All(move.Files, f => Assert.False(Leaks.Contains(f)));
        Assert.All(move.Files, f => Assert.Equal(move.Study, DicomFile.Read(f).Dataset.GetString(DicomTags.StudyInstanceUID)));
    }

    [Fact]
    public async Task Movescu_ToATlsDestination_ArrivesOverGridTls_EachSideCheckingTheOther()
    {
        // Act: storescp with node1's host certificate (it names 127.0.0.1), requiring the bridge's certificate.
        var node1 = _fixture.Pki.Host("node1");
        var move = await MoveToStorescpAsync(["+tls", node1.KeyPath, node1.CertificatePath, "+cf", _fixture.Pki.CaCertificatePath], ":tls");

        // Assert
        Assert.True(move.Result.ExitCode == 0, move.Result.Output);
        Assert.Equal(2, move.Files.Count);
        Assert.All(move.Files, f => Assert.False(Leaks.Contains(f)));
    }

    [Fact]
    public async Task Movescu_ToATlsDestinationWhoseCertificateDoesNotNameIt_SendsNothing()
    {
        // Act: the bridge knows the destination as 127.0.0.2 (still loopback), which node1's certificate does not name.
        var node1 = _fixture.Pki.Host("node1");
        var move = await MoveToStorescpAsync(
            ["+tls", node1.KeyPath, node1.CertificatePath, "+cf", _fixture.Pki.CaCertificatePath], ":tls", host: "127.0.0.2");

        // Assert
        Assert.Empty(move.Files);
        Assert.DoesNotContain("Completed Suboperations    : 2", move.Result.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Ingests a study of two images, then C-MOVEs it as the reader (through a TLS tunnel with the reader's certificate)
    /// to a storescp started with <paramref name="storescpTls"/>, which the bridge knows as <c>host:port</c> plus
    /// <paramref name="destinationSuffix"/>; returns what movescu printed, the files storescp received and the study.
    /// </summary>
    private async Task<(ProcessResult Result, IReadOnlyList<byte[]> Files, string Study)> MoveToStorescpAsync(
        IReadOnlyList<string> storescpTls, string destinationSuffix, string host = "127.0.0.1")
    {
        using var scratch = new TempDirectory("hydra-move");
        var received = Directory.CreateDirectory(Path.Combine(scratch.Path, "received")).FullName;
        var port = FreePort.Next();
        using var storescp = PeerProcess.Start(
            Peers.Require("storescp", "dcmtk"), [.. storescpTls, "-aet", "STORESCP", "-od", received, port.ToString(CultureInfo.InvariantCulture)], scratch.Path);
        await storescp.WaitForPortAsync(port);
        await using var bridge = await TestBridge.StartAsync(_fixture.Pki, _fixture.Cluster,
            options => options.MoveDestinations = new() { ["STORESCP"] = $"{host}:{port}{destinationSuffix}" });
        var study = SampleStudy.Write(Path.Combine(scratch.Path, "sent"), 2, size: 32);
        Assert.Equal(0, (await bridge.StorescuAsync(study.Files)).ExitCode);
        var reader = _fixture.Pki.User(DevUser.Reader);
        var pseudonymous = (await bridge.ConnectReader(GridReader.CertificateOf(_fixture.Pki, DevUser.Reader))
            .ListImagesAsync(null, CancellationToken.None).DefaultTimeout())[0].StudyInstanceUid;
        await using var tunnel = new TlsTunnel(reader.CertificatePath, reader.KeyPath, _fixture.Pki.CaCertificatePath, bridge.Node.DicomTlsPort);

        var result = await Dcmtk.RunAsync("movescu", [
            "-v", "-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + pseudonymous, "-aem", "STORESCP",
            "-aet", "VIEWER", "-aec", "HYDRA", "127.0.0.1", tunnel.Port.ToString(CultureInfo.InvariantCulture)]);
        return (result, [.. Directory.GetFiles(received).Select(File.ReadAllBytes)], pseudonymous);
    }
}

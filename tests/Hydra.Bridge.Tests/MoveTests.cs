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
        // Arrange: dcmtk's storescp is the workstation the bridge may send to; the bridge knows it as STORESCP.
        using var scratch = new TempDirectory("hydra-move");
        var received = Directory.CreateDirectory(Path.Combine(scratch.Path, "received")).FullName;
        var storescpPort = FreePort.Next();
        using var storescp = PeerProcess.Start(
            Peers.Require("storescp", "dcmtk"), ["-aet", "STORESCP", "-od", received, storescpPort.ToString(CultureInfo.InvariantCulture)], scratch.Path);
        await storescp.WaitForPortAsync(storescpPort);
        await using var bridge = await TestBridge.StartAsync(_fixture.Pki, _fixture.Cluster,
            options => options.MoveDestinations = new() { ["STORESCP"] = $"127.0.0.1:{storescpPort}" });
        var study = SampleStudy.Write(Path.Combine(scratch.Path, "sent"), 2, size: 32);
        Assert.Equal(0, (await bridge.StorescuAsync(study.Files)).ExitCode);
        var reader = _fixture.Pki.User(DevUser.Reader);
        var pseudonymous = (await bridge.ConnectReader(GridReader.CertificateOf(_fixture.Pki, DevUser.Reader))
            .ListImagesAsync(null, CancellationToken.None).DefaultTimeout())[0].StudyInstanceUid;
        await using var tunnel = new TlsTunnel(reader.CertificatePath, reader.KeyPath, _fixture.Pki.CaCertificatePath, bridge.Node.DicomTlsPort);

        // Act
        var result = await Dcmtk.RunAsync("movescu", [
            "-v", "-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + pseudonymous, "-aem", "STORESCP",
            "-aet", "VIEWER", "-aec", "HYDRA", "127.0.0.1", tunnel.Port.ToString(CultureInfo.InvariantCulture)]);

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        var files = Directory.GetFiles(received);
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.False(Leaks.Contains(File.ReadAllBytes(f)), f));
        Assert.All(files, f => Assert.Equal(pseudonymous, DicomFile.Open(f).Dataset.GetString(DicomTags.StudyInstanceUID)));
    }

    [Fact]
    public async Task Movescu_ToATlsDestination_ArrivesOverGridTls_EachSideCheckingTheOther()
    {
        // Arrange: storescp with node1's host certificate (it names 127.0.0.1), requiring the bridge's certificate.
        var node1 = _fixture.Pki.Host("node1");
        var (result, files) = await MoveToTlsStorescpAsync(node1.KeyPath, node1.CertificatePath);

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(2, files.Length);
        Assert.All(files, f => Assert.False(Leaks.Contains(f)));
    }

    [Fact]
    public async Task Movescu_ToATlsDestinationWithAnUntrustedCertificate_SendsNothing()
    {
        // Arrange: storescp presents the rogue CA's certificate, which the bridge's trust store does not know.
        var rogue = _fixture.Pki.RogueCa;
        var (result, files) = await MoveToTlsStorescpAsync(rogue.KeyPath, rogue.CertificatePath);

        // Assert
        Assert.Empty(files);
        Assert.DoesNotContain("Completed Suboperations    : 2", result.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Ingests two images, then C-MOVEs them as the reader to a storescp on DICOM TLS with the given credential; returns
    /// what movescu printed and the files storescp received.
    /// </summary>
    private async Task<(ProcessResult Result, byte[][] Files)> MoveToTlsStorescpAsync(string keyPath, string certificatePath)
    {
        using var scratch = new TempDirectory("hydra-move-tls");
        var received = Directory.CreateDirectory(Path.Combine(scratch.Path, "received")).FullName;
        var port = FreePort.Next();
        using var storescp = PeerProcess.Start(Peers.Require("storescp", "dcmtk"), [
            "+tls", keyPath, certificatePath, "+cf", _fixture.Pki.CaCertificatePath,
            "-aet", "SECURE", "-od", received, port.ToString(CultureInfo.InvariantCulture)], scratch.Path);
        await storescp.WaitForPortAsync(port);
        await using var bridge = await TestBridge.StartAsync(_fixture.Pki, _fixture.Cluster,
            options => options.MoveDestinations = new() { ["SECURE"] = $"127.0.0.1:{port}:tls" });
        var study = SampleStudy.Write(Path.Combine(scratch.Path, "sent"), 2, size: 32);
        Assert.Equal(0, (await bridge.StorescuAsync(study.Files)).ExitCode);
        var reader = _fixture.Pki.User(DevUser.Reader);
        var pseudonymous = (await bridge.ConnectReader(GridReader.CertificateOf(_fixture.Pki, DevUser.Reader))
            .ListImagesAsync(null, CancellationToken.None).DefaultTimeout())[0].StudyInstanceUid;
        await using var tunnel = new TlsTunnel(reader.CertificatePath, reader.KeyPath, _fixture.Pki.CaCertificatePath, bridge.Node.DicomTlsPort);

        var result = await Dcmtk.RunAsync("movescu", [
            "-v", "-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + pseudonymous, "-aem", "SECURE",
            "-aet", "VIEWER", "-aec", "HYDRA", "127.0.0.1", tunnel.Port.ToString(CultureInfo.InvariantCulture)]);
        return (result, [.. Directory.GetFiles(received).Select(File.ReadAllBytes)]);
    }
}

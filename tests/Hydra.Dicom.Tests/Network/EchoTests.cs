using Hydra.Dicom.Network;
using Hydra.Dicom.Tests.Network.Support;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Network;

public sealed class EchoTests
{
    [Fact]
    public async Task Echoscu_AgainstServer_Succeeds()
    {
        // Arrange
        await using var server = await TestServer.StartAsync(new DicomServerHandlers());

        // Act
        var result = await Dcmtk.RunAsync("echoscu", "-v", "-aet", "ECHOSCU", "-aec", "HYDRA", "127.0.0.1", server.PortText).DefaultTimeout();

        // Assert
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("Received Echo Response (Success)", result.Output);
        await server.Logs.WaitForAsync("AssociationReleased").DefaultTimeout();
    }

    [Fact]
    public async Task EchoAsync_OwnClientAgainstServer_ReturnsSuccess()
    {
        // Arrange
        await using var server = await TestServer.StartAsync(new DicomServerHandlers());

        // Act
        var status = await server.Client().EchoAsync(CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(DicomStatus.Success, status);
    }

    [Fact]
    public async Task EchoAsync_AgainstStorescp_ReturnsSuccess()
    {
        // Arrange
        using var folder = new TempDirectory();
        var port = FreePort.Next();
        using var storescp = PeerProcess.Start(Peers.Require("storescp", "dcmtk"), ["-aet", "REF", "-od", folder.Path, port.ToString()]);
        await storescp.WaitForPortAsync(port).DefaultTimeout();
        var client = new DicomClient(new DicomClientOptions { CalledAeTitle = "REF", Port = port });

        // Act
        var status = await client.EchoAsync(CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(DicomStatus.Success, status);
    }
}

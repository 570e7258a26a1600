using System.Net;
using System.Net.Sockets;
using Hydra.Bridge.Options;
using Hydra.Dicom.Network;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Bridge.Tests;

/// <summary>
/// The ingest port keeps its configured senders (<c>Sources</c>, <c>AllowedSenders</c>) able to store while other
/// callers hold every connection and association they can get.
/// </summary>
public sealed class SenderLimitTests : IClassFixture<DevPkiFixture>
{
    private readonly DevPkiFixture _pki;

    public SenderLimitTests(DevPkiFixture pki) => _pki = pki;

    [Fact]
    public async Task SilentSocketsAndIdleUnknownAssociations_DoNotLockOutAConfiguredSender()
    {
        // Arrange: 4 slots, 2 kept for HOSPITAL; ARTIM far longer than the test, so only the limits can help.
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        await using var bridge = await TestBridge.StartAsync(_pki.Pki, cluster, options =>
        {
            options.Sources = new() { ["HOSPITAL"] = new BridgeSourceOptions() };
            options.SenderLimits = new BridgeSenderLimitOptions
            {
                ArtimSeconds = 300,
                MaxAssociations = 4,
                MaxAssociationsPerAddress = 4,
                MaxAssociationsPerSender = 4,
                ReservedForKnownSenders = 2,
            };
        });
        await using var idle1 = await ConnectAsync(bridge, "IDLE1");
        await using var idle2 = await ConnectAsync(bridge, "IDLE2");
        using var scratch = new TempDirectory("hydra-study");
        var study = SampleStudy.Write(scratch.Path, 1, size: 32);
        var silent = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 64; i++)
            {
                var socket = new TcpClient();
                silent.Add(socket);
                await socket.ConnectAsync(IPAddress.Loopback, bridge.Node.DicomPort).DefaultTimeout();
            }

            // Act
            var unknown = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() => ConnectAsync(bridge, "IDLE3")).DefaultTimeout();
            var result = await bridge.StorescuAsync(study.Files, callingAeTitle: "HOSPITAL").DefaultTimeout();

            // Assert: the unknown caller is turned away transiently; the configured sender stores.
            Assert.Equal(DicomRejectResult.Transient, unknown.Result);
            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Equal(1, bridge.Node.CatalogCount);
        }
        finally
        {
            silent.ForEach(s => s.Dispose());
        }
    }

    private static Task<DicomClientAssociation> ConnectAsync(TestBridge bridge, string callingAeTitle) =>
        new DicomClient(new DicomClientOptions { CallingAeTitle = callingAeTitle, CalledAeTitle = "HYDRA", Port = bridge.Node.DicomPort })
            .ConnectAsync(new DicomAssociationProposal().AddVerification(), null, CancellationToken.None).DefaultTimeout();
}

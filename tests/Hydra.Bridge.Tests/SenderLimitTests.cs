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

            // The kernel completes a connect before the bridge accepts it: wait until the bridge has closed the 60 it
            // displaced (4 may wait per address), or a silent socket accepted late could displace IDLE3 instead.
            var closed = silent.Select(ClosedAsync).ToList();
            while (closed.Count(c => c.IsCompleted) < 60)
            {
                await Task.WhenAny(closed.Where(c => !c.IsCompleted)).DefaultTimeout();
            }

            // Act
            var unknown = await Assert.ThrowsAsync<DicomAssociationRejectedException>(() => ConnectAsync(bridge, "IDLE3")).DefaultTimeout();
            var result = await bridge.StorescuAsync(study.Files, callingAeTitle: "HOSPITAL").DefaultTimeout();

            // Assert: the unknown caller is turned away transiently; the configured sender stores.
            Assert.Equal(DicomRejectResult.Transient, unknown.Result);
            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Equal(1, (await bridge.Node.CatalogCountAsync()));
        }
        finally
        {
            silent.ForEach(s => s.Dispose());
        }
    }

    /// <summary>Completes when the bridge closes <paramref name="socket"/> (end of stream or reset), or the test disposes it.</summary>
    private static async Task ClosedAsync(TcpClient socket)
    {
        try
        {
            // One byte or the end: either way the bridge has stopped waiting for this socket to speak.
            _ = await socket.GetStream().ReadAsync(new byte[1]);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // A reset is a close too; disposal ends the reads still pending when the test is over.
        }
    }

    private static Task<DicomClientAssociation> ConnectAsync(TestBridge bridge, string callingAeTitle) =>
        new DicomClient(new DicomClientOptions { CallingAeTitle = callingAeTitle, CalledAeTitle = "HYDRA", Port = bridge.Node.DicomPort })
            .ConnectAsync(new DicomAssociationProposal().AddVerification(), null, CancellationToken.None).DefaultTimeout();
}

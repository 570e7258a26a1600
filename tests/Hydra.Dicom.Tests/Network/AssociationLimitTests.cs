using System.Diagnostics;
using Hydra.Dicom.Network;
using Hydra.Dicom.Tests.Network.Support;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Network;

/// <summary>
/// Callers that connect and stay silent, or associate and stay idle, cannot lock configured senders out: silent
/// sockets are held per address and for the ARTIM time only, associations are limited per address and per calling AE
/// title, and some slots are kept for known senders.
/// </summary>
public sealed class AssociationLimitTests
{
    [Fact]
    public async Task SixtyFourSilentConnectionsFromOneAddress_KnownSendersStorescuStillStores()
    {
        // Arrange: ARTIM far longer than the test, so only the per-address limit can free the places.
        var store = new RecordingStoreHandler();
        await using var server = await TestServer.StartAsync(new DicomServerHandlers { Store = store }, o =>
        {
            o.ArtimTimeout = TimeSpan.FromMinutes(5);
            o.KnownCallingAeTitles.Add("STORESCU");
        });
        var silent = new List<RawPeer>();
        try
        {
            for (var i = 0; i < 64; i++)
            {
                silent.Add(await RawPeer.ConnectAsync(server.Port).DefaultTimeout());
            }

            await WaitUntilAsync(() => server.Logs.Named("ConnectionDisplaced").Count() == 64 - 16);

            // Act
            var result = await Dcmtk.RunAsync("storescu", "-aet", "STORESCU", "-aec", "HYDRA", "127.0.0.1", server.PortText,
                Dcmtk.Corpus("CT_small.dcm")).DefaultTimeout();

            // Assert: the first 48 silent sockets were closed by the server, storescu's association was accepted.
            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Single(store.Received);
            Assert.Contains(server.Logs.Named("AssociationAccepted"), l => l.Message.Contains("STORESCU ->", StringComparison.Ordinal));
            Assert.Null(await silent[0].ReadUntilClosedAsync().DefaultTimeout());
            Assert.Contains("more than 16 connections from that address", server.Logs.Named("ConnectionDisplaced").First().Message);
        }
        finally
        {
            foreach (var peer in silent)
            {
                await peer.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task SilentConnection_IsClosedWhenTheArtimTimerRunsOut()
    {
        // Arrange
        await using var server = await TestServer.StartAsync(new DicomServerHandlers(), o => o.ArtimTimeout = TimeSpan.FromSeconds(1));
        await using var peer = await RawPeer.ConnectAsync(server.Port);
        var clock = Stopwatch.StartNew();

        // Act: send nothing at all.
        var last = await peer.ReadUntilClosedAsync().DefaultTimeout();

        // Assert
        Assert.Null(last);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(30));
        var line = await server.Logs.WaitForAsync("ArtimExpired").DefaultTimeout();
        Assert.Contains("waiting for the next PDU", line.Message);
    }

    [Fact]
    public async Task IdleAssociationsOfUnknownCallers_LeaveTheReservedSlotsToKnownSenders()
    {
        // Arrange: 4 slots, 2 of them for PACS.
        await using var server = await TestServer.StartAsync(new DicomServerHandlers(), o =>
        {
            o.MaxAssociations = 4;
            o.ReservedAssociations = 2;
            o.KnownCallingAeTitles.Add("PACS");
        });
        await using var idle1 = await RawPeer.ConnectAsync(server.Port);
        await using var idle2 = await RawPeer.ConnectAsync(server.Port);
        await using var refused = await RawPeer.ConnectAsync(server.Port);
        Assert.Equal(0x02, await idle1.AssociateAsync(RawPeer.AssociateRequest(calling: "IDLE1")).DefaultTimeout());
        Assert.Equal(0x02, await idle2.AssociateAsync(RawPeer.AssociateRequest(calling: "IDLE2")).DefaultTimeout());

        // Act
        var third = await refused.AssociateAsync(RawPeer.AssociateRequest(calling: "IDLE3")).DefaultTimeout();
        var known = await Task.WhenAll(server.Client("PACS").EchoAsync(CancellationToken.None), server.Client("PACS").EchoAsync(CancellationToken.None))
            .DefaultTimeout();

        // Assert: A-ASSOCIATE-RJ, transient, local limit exceeded, for the unknown caller only.
        Assert.Equal(0x03, third);
        Assert.All(known, status => Assert.Equal(DicomStatus.Success, status));
        var line = await server.Logs.WaitForAsync("TooManyAssociations").DefaultTimeout();
        Assert.Contains("IDLE3", line.Message);
        Assert.Contains("the other 2 are kept for known senders", line.Message);
    }

    [Fact]
    public async Task OneCallingAeTitle_GetsAtMostItsShare_OthersStillAssociate()
    {
        // Arrange
        await using var server = await TestServer.StartAsync(new DicomServerHandlers(), o => o.MaxAssociationsPerCallingAeTitle = 2);
        await using var first = await RawPeer.ConnectAsync(server.Port);
        await using var second = await RawPeer.ConnectAsync(server.Port);
        await using var third = await RawPeer.ConnectAsync(server.Port);
        Assert.Equal(0x02, await first.AssociateAsync().DefaultTimeout());
        Assert.Equal(0x02, await second.AssociateAsync().DefaultTimeout());

        // Act
        var answer = await third.AssociateAsync().DefaultTimeout();
        var other = await server.Client("OTHER").EchoAsync(CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(0x03, answer);
        Assert.Equal(DicomStatus.Success, other);
        var line = await server.Logs.WaitForAsync("TooManyAssociations").DefaultTimeout();
        Assert.Contains("2 associations of this calling AE title are open", line.Message);
    }

    [Fact]
    public async Task OneAddress_GetsAtMostItsShareOfAssociations()
    {
        // Arrange
        await using var server = await TestServer.StartAsync(new DicomServerHandlers(), o => o.MaxAssociationsPerAddress = 2);
        await using var first = await RawPeer.ConnectAsync(server.Port);
        await using var second = await RawPeer.ConnectAsync(server.Port);
        Assert.Equal(0x02, await first.AssociateAsync(RawPeer.AssociateRequest(calling: "A")).DefaultTimeout());
        Assert.Equal(0x02, await second.AssociateAsync(RawPeer.AssociateRequest(calling: "B")).DefaultTimeout());

        // Act
        await using var third = await RawPeer.ConnectAsync(server.Port);
        var answer = await third.AssociateAsync(RawPeer.AssociateRequest(calling: "C")).DefaultTimeout();

        // Assert
        Assert.Equal(0x03, answer);
        var line = await server.Logs.WaitForAsync("TooManyAssociations").DefaultTimeout();
        Assert.Contains("2 associations from 127.0.0.1 are open", line.Message);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the condition did not hold within 30 s");
            await Task.Delay(20);
        }
    }
}

using System.Buffers.Binary;
using Hydra.Dicom.Network;
using Hydra.Dicom.Tests.Network.Support;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Network;

/// <summary>
/// Bad peers in-process: each malformed, oversized, truncated, interleaved or slow input ends only its own
/// association, with one log line saying why, and the server serves the next association.
/// </summary>
public sealed class HostilePeerTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(new DicomServerHandlers { Store = new RecordingStoreHandler() },
        options =>
        {
            options.ArtimTimeout = TimeSpan.FromSeconds(1);
            options.IdleTimeout = TimeSpan.FromSeconds(1);
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, byte[], string> MalformedFirstPdus() => new()
    {
        { "unknown PDU type", [0x09, 0, 0, 0, 0, 4, 0, 0, 0, 0], "unknown PDU type" },
        { "P-DATA before association", RawPeer.PData(1, 3, RawPeer.EchoCommand()), "the first PDU must be A-ASSOCIATE-RQ" },
        { "A-ASSOCIATE-RQ over the limit", [0x01, 0, 0x7F, 0xFF, 0xFF, 0xFF], "exceeds the limit of 1048576 bytes" },
        { "A-RELEASE-RQ of length 5", [0x05, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0], "exactly 4" },
        { "item longer than the PDU", WithByte(RawPeer.AssociateRequest(), 74 + 2, 0x7F), "exceeds the" },
        { "presentation context ID even", PresentationContextId(2), "is even or repeated" },
        { "AE title with a control byte", WithByte(RawPeer.AssociateRequest(), 12, 0x07), "not printable ASCII" },
        { "no user information", WithoutUserInformation(), "no user information item" },
    };

    [Theory]
    [MemberData(nameof(MalformedFirstPdus))]
    public async Task MalformedAssociationPdu_IsAbortedWithOneLogLine_AndServerServesNext(string what, byte[] pdu, string logged)
    {
        // Arrange
        await using var peer = await RawPeer.ConnectAsync(_server.Port);

        // Act
        await peer.SendAsync(pdu);
        var last = await peer.ReadUntilClosedAsync().DefaultTimeout();

        // Assert
        Assert.True(last is [0x07, ..], $"{what}: expected A-ABORT");
        var line = await _server.Logs.WaitForAsync("ProtocolError").DefaultTimeout();
        Assert.Contains(logged, line.Message);
        await AssertServerServesAsync();
    }

    [Fact]
    public async Task TruncatedPdu_ThenDisconnect_IsLoggedAsConnectionLost()
    {
        // Arrange
        await using var peer = await RawPeer.ConnectAsync(_server.Port);
        var request = RawPeer.AssociateRequest();

        // Act
        await peer.SendAsync(request[..(request.Length / 2)]);
        peer.Close();

        // Assert
        var line = await _server.Logs.WaitForAsync("ConnectionLost").DefaultTimeout();
        Assert.Contains("inside a PDU", line.Message);
        await AssertServerServesAsync();
    }

    [Fact]
    public async Task SilentPeer_AfterConnecting_IsClosedByArtim()
    {
        // Arrange
        await using var peer = await RawPeer.ConnectAsync(_server.Port);

        // Act
        await peer.SendAsync([0x01]);
        var last = await peer.ReadUntilClosedAsync().DefaultTimeout();

        // Assert
        Assert.Null(last);
        await _server.Logs.WaitForAsync("ArtimExpired").DefaultTimeout();
        await AssertServerServesAsync();
    }

    [Fact]
    public async Task SlowLoris_TricklingOnePdu_IsAbortedByTheIdleTimer()
    {
        // Arrange
        await using var peer = await RawPeer.ConnectAsync(_server.Port);
        var pdata = RawPeer.PData(1, 3, RawPeer.EchoCommand());

        // The PDU's first byte travels with the association request, so it is waiting when the server starts reading:
        // a loaded machine that delays the trickle by a second cannot make this an idle wait between PDUs instead.
        Assert.Equal(0x02, await peer.AssociateAsync([.. RawPeer.AssociateRequest(), pdata[0]]).DefaultTimeout());

        // Act: one byte every 300 ms keeps the socket busy but never completes the PDU within the 1 s limit.
        var trickle = Task.Run(async () =>
        {
            try
            {
                foreach (var b in pdata.Skip(1))
                {
                    await Task.Delay(300);
                    await peer.SendAsync([b]);
                }
            }
            catch (IOException)
            {
            }
        });
        await _server.Logs.WaitForAsync("IdleTimeout").DefaultTimeout();

        // Assert
        Assert.Contains("while reading a PDU", _server.Logs.Named("IdleTimeout").Single().Message);
        await AssertServerServesAsync();
        await trickle.DefaultTimeout();
    }

    [Fact]
    public async Task IdlePeer_AfterAssociation_IsAborted()
    {
        // Arrange
        await using var peer = await RawPeer.ConnectAsync(_server.Port);
        Assert.Equal(0x02, await peer.AssociateAsync().DefaultTimeout());

        // Act
        var last = await peer.ReadUntilClosedAsync().DefaultTimeout();

        // Assert
        Assert.True(last is [0x07, ..]);
        await _server.Logs.WaitForAsync("IdleTimeout").DefaultTimeout();
    }

    public static TheoryData<string, byte[][], string> BadDataTransfers() => new()
    {
        { "odd PDV length", [OddPdv()], "is odd" },
        { "data set fragment without command", [RawPeer.PData(1, 0x02, [1, 2])], "without a command" },
        { "second message interleaved", [RawPeer.PData(1, 0x01, RawPeer.EchoCommand()[..8]), RawPeer.PData(3, 0x03, RawPeer.EchoCommand())], "interleaved" },
        { "context never proposed", [RawPeer.PData(5, 0x03, RawPeer.EchoCommand())], "was not accepted" },
        { "reserved message control bits", [RawPeer.PData(1, 0x13, RawPeer.EchoCommand())], "reserved bits" },
        { "A-ASSOCIATE-RQ again", [RawPeer.AssociateRequest()], "not allowed while the association is Established" },
        { "P-DATA-TF past the announced maximum", [[0x04, 0, 0x7F, 0xFF, 0xFF, 0xFF]], "exceeds the limit of 131072 bytes" },
        { "command set that is not one", [RawPeer.PData(1, 0x03, [0x08, 0x00, 0x10, 0x00, 0xFF, 0xFF, 0xFF, 0x7F])], "command set is malformed" },
    };

    [Theory]
    [MemberData(nameof(BadDataTransfers))]
    public async Task BadDataTransfer_AbortsOnlyThatAssociation(string what, byte[][] pdus, string logged)
    {
        // Arrange
        await using var other = await _server.Client().ConnectAsync(new DicomAssociationProposal().AddVerification(), null, CancellationToken.None)
            .DefaultTimeout();
        await using var peer = await RawPeer.ConnectAsync(_server.Port);
        Assert.Equal(0x02, await peer.AssociateAsync().DefaultTimeout());

        // Act
        foreach (var pdu in pdus)
        {
            await peer.SendAsync(pdu);
        }

        var last = await peer.ReadUntilClosedAsync().DefaultTimeout();

        // Assert
        Assert.True(last is [0x07, ..], $"{what}: expected A-ABORT");
        var line = await _server.Logs.WaitForAsync("ProtocolError").DefaultTimeout();
        Assert.Contains(logged, line.Message);
        Assert.Equal(DicomStatus.Success, await other.EchoAsync(CancellationToken.None).DefaultTimeout());
        await other.ReleaseAsync(CancellationToken.None).DefaultTimeout();
    }

    [Fact]
    public async Task AbruptDisconnect_MidAssociation_IsLoggedAndServerServesNext()
    {
        // Arrange
        await using var peer = await RawPeer.ConnectAsync(_server.Port);
        Assert.Equal(0x02, await peer.AssociateAsync().DefaultTimeout());

        // Act
        await peer.SendAsync(RawPeer.PData(1, 0x01, RawPeer.EchoCommand()[..8]));
        peer.Close();

        // Assert
        await _server.Logs.WaitForAsync("ConnectionLost").DefaultTimeout();
        await AssertServerServesAsync();
    }

    private async Task AssertServerServesAsync() =>
        Assert.Equal(DicomStatus.Success, await _server.Client().EchoAsync(CancellationToken.None).DefaultTimeout());

    private static byte[] WithByte(byte[] pdu, int offset, byte value)
    {
        var copy = (byte[])pdu.Clone();
        copy[offset] = value;
        return copy;
    }

    // The first presentation context item follows the application context item (4 + 21 bytes) at offset 74.
    private static byte[] PresentationContextId(byte id) => WithByte(RawPeer.AssociateRequest(), 74 + 25 + 4, id);

    private static byte[] WithoutUserInformation()
    {
        var pdu = RawPeer.AssociateRequest();
        var userInformation = pdu.AsSpan().LastIndexOf((byte)0x50);
        var cut = pdu[..userInformation];
        BinaryPrimitives.WriteUInt32BigEndian(cut.AsSpan(2), (uint)(cut.Length - 6));
        return cut;
    }

    private static byte[] OddPdv()
    {
        var pdu = RawPeer.PData(1, 0x03, [1, 2, 3, 4]);
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(6), 5);
        return pdu;
    }
}

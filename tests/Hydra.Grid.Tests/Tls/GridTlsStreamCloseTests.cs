using System.Net.Sockets;
using Hydra.CertsDev;
using Hydra.Grid.Tests.Support;
using Hydra.Grid.Tls;
using Hydra.Testing;
using Hydra.Testing.Pki;
using Org.BouncyCastle.Tls;

namespace Hydra.Grid.Tests.Tls;

/// <summary>How a grid TLS stream ends: peer closes, broken connections, cancelled reads, disposal.</summary>
[Collection(GridPkiCollection.Name)]
public sealed class GridTlsStreamCloseTests(DevPkiFixture fixture)
{
    private readonly DevPki _pki = fixture.Pki;

    [Fact]
    public async Task Read_PeerDisposedWithCloseNotify_DeliversDataThenZero()
    {
        // Arrange
        await using var pair = await HandshakeAsync();
        await pair.Server.WriteAsync("bye"u8.ToArray()).AsTask().DefaultTimeout();

        // Act
        await pair.Server.DisposeAsync().AsTask().DefaultTimeout();
        var received = new byte[3];
        await pair.Client.ReadExactlyAsync(received).AsTask().DefaultTimeout();
        var first = await pair.Client.ReadAsync(new byte[16]).AsTask().DefaultTimeout();
        var again = await pair.Client.ReadAsync(new byte[16]).AsTask().DefaultTimeout();

        // Assert
        Assert.Equal("bye"u8.ToArray(), received);
        Assert.Equal(0, first);
        Assert.Equal(0, again);
    }

    [Fact]
    public async Task Read_PeerDroppedWithoutCloseNotify_DeliversDataThenZero()
    {
        // Arrange
        await using var pair = await HandshakeAsync();
        await pair.Server.WriteAsync("cut"u8.ToArray()).AsTask().DefaultTimeout();

        // Act: synchronous disposal closes the socket without close_notify.
        pair.Server.Dispose();
        var received = new byte[3];
        await pair.Client.ReadExactlyAsync(received).AsTask().DefaultTimeout();
        var end = await pair.Client.ReadAsync(new byte[16]).AsTask().DefaultTimeout();

        // Assert
        Assert.Equal("cut"u8.ToArray(), received);
        Assert.Equal(0, end);
    }

    [Fact]
    public async Task Read_ConnectionEndsInsideARecord_ThrowsIOException()
    {
        // Arrange: the server's socket sends the start of an application_data record, then ends.
        await using var pair = await HandshakeAsync();
        byte[] truncated = [0x17, 0x03, 0x03, 0x00, 0x40, 1, 2, 3];
        await pair.ServerSocket.SendAsync(truncated).DefaultTimeout();
        pair.ServerSocket.Shutdown(SocketShutdown.Send);

        // Act
        var exception = await Assert.ThrowsAnyAsync<IOException>(() => pair.Client.ReadAsync(new byte[16]).AsTask()).DefaultTimeout();

        // Assert: a truncated exchange is an error, unlike a close between records.
        Assert.IsType<EndOfStreamException>(exception);
    }

    [Fact]
    public async Task Read_TamperedRecord_ThrowsIOException()
    {
        // Arrange: a whole application_data record whose ciphertext was not sealed by the peer.
        await using var pair = await HandshakeAsync();
        byte[] forged = [0x17, 0x03, 0x03, 0x00, 0x20, .. Enumerable.Range(0, 32).Select(i => (byte)i)];
        await pair.ServerSocket.SendAsync(forged).DefaultTimeout();

        // Act
        var exception = await Assert.ThrowsAsync<TlsFatalAlert>(() => pair.Client.ReadAsync(new byte[16]).AsTask()).DefaultTimeout();

        // Assert: refused by record authentication (TlsFatalAlert is an IOException).
        Assert.Equal(AlertDescription.bad_record_mac, exception.AlertDescription);
    }

    [Fact]
    public async Task Read_CancelledWhilePending_ThrowsAndTheStreamStaysUsable()
    {
        // Arrange
        await using var pair = await HandshakeAsync();
        using var cancellation = new CancellationTokenSource();
        var pending = pair.Client.ReadAsync(new byte[16], cancellation.Token).AsTask();
        Assert.False(pending.IsCompleted);

        // Act
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending).DefaultTimeout();
        await pair.Server.WriteAsync("after"u8.ToArray()).AsTask().DefaultTimeout();
        var received = new byte[5];
        await pair.Client.ReadExactlyAsync(received).AsTask().DefaultTimeout();

        // Assert: nothing was lost to the cancelled read.
        Assert.Equal("after"u8.ToArray(), received);
    }

    [Fact]
    public async Task Read_ZeroBytes_WaitsForDataWithoutConsumingIt()
    {
        // Arrange
        await using var pair = await HandshakeAsync();
        var waiting = pair.Client.ReadAsync(Memory<byte>.Empty).AsTask();
        Assert.False(waiting.IsCompleted);

        // Act
        await pair.Server.WriteAsync("ready"u8.ToArray()).AsTask().DefaultTimeout();
        var zero = await waiting.DefaultTimeout();
        var received = new byte[5];
        await pair.Client.ReadExactlyAsync(received).AsTask().DefaultTimeout();

        // Assert
        Assert.Equal(0, zero);
        Assert.Equal("ready"u8.ToArray(), received);
    }

    [Fact]
    public async Task DisposeAsync_Repeated_IsIdempotentAndThePeerSeesOneClose()
    {
        // Arrange
        await using var pair = await HandshakeAsync();

        // Act
        await pair.Client.DisposeAsync().AsTask().DefaultTimeout();
        await pair.Client.DisposeAsync().AsTask().DefaultTimeout();
        pair.Client.Dispose();

        // Assert
        Assert.Equal(0, await pair.Server.ReadAsync(new byte[16]).AsTask().DefaultTimeout());
    }

    [Fact]
    public async Task Dispose_Repeated_IsIdempotent()
    {
        // Arrange
        await using var pair = await HandshakeAsync();

        // Act
        pair.Server.Dispose();
        pair.Server.Dispose();
        await pair.Server.DisposeAsync().AsTask().DefaultTimeout();

        // Assert
        Assert.Equal(0, await pair.Client.ReadAsync(new byte[16]).AsTask().DefaultTimeout());
    }

    [Fact]
    public async Task SynchronousReadAndWrite_NotSupported()
    {
        // Arrange
        await using var pair = await HandshakeAsync();

        // Act + Assert
        Assert.Throws<NotSupportedException>(() => pair.Client.Read(new byte[1], 0, 1));
        Assert.Throws<NotSupportedException>(() => pair.Client.Write(new byte[1], 0, 1));
        Assert.False(pair.Client.CanSeek);
    }

    private Task<TlsLoopback> HandshakeAsync() =>
        TlsLoopback.HandshakeAsync(
            TlsLoopback.ClientOptions(_pki, TlsLoopback.Credential(_pki.User(DevUser.Reader))), TlsLoopback.ServerOptions(_pki));
}

using System.Net;
using System.Net.Sockets;
using Hydra.CertsDev;
using Hydra.Grid.Tls;
using Hydra.Testing;

namespace Hydra.Grid.Tests.Tls;

/// <summary>
/// Two grid TLS ends over a real TCP connection on 127.0.0.1, with the raw sockets kept so a test can break the
/// connection underneath TLS.
/// </summary>
internal sealed class TlsLoopback : IAsyncDisposable
{
    private TlsLoopback(Socket clientSocket, Socket serverSocket)
    {
        ClientSocket = clientSocket;
        ServerSocket = serverSocket;
    }

    public Socket ClientSocket { get; }

    public Socket ServerSocket { get; }

    public GridTlsStream Client { get; private set; } = null!;

    public GridTlsStream Server { get; private set; } = null!;

    /// <summary>A connected pair of sockets on 127.0.0.1 (the listener binds port 0), TLS not yet started.</summary>
    public static async Task<TlsLoopback> ConnectAsync()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var accepted = listener.AcceptAsync();
        await client.ConnectAsync(listener.LocalEndPoint!).DefaultTimeout();
        var server = await accepted.DefaultTimeout();
        server.NoDelay = true;
        return new TlsLoopback(client, server);
    }

    /// <summary>Both handshakes at once; the first failure (client or server) is rethrown after both ended.</summary>
    public static async Task<TlsLoopback> HandshakeAsync(GridTlsClientOptions client, GridTlsServerOptions server)
    {
        var pair = await ConnectAsync();
        var (connect, accept) = pair.StartHandshakes(client, server);
        try
        {
            await Task.WhenAll(connect, accept).DefaultTimeout();
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }

        pair.Client = connect.Result;
        pair.Server = accept.Result;
        return pair;
    }

    /// <summary>Starts both handshakes; the tasks fail independently, for tests of refusals.</summary>
    public (Task<GridTlsStream> Connect, Task<GridTlsStream> Accept) StartHandshakes(GridTlsClientOptions client, GridTlsServerOptions server)
    {
        var accept = GridTlsStream.AcceptAsync(new NetworkStream(ServerSocket, ownsSocket: true), server, CancellationToken.None);
        var connect = GridTlsStream.ConnectAsync(new NetworkStream(ClientSocket, ownsSocket: true), client, CancellationToken.None);
        return (connect, accept);
    }

    public static GridTlsServerOptions ServerOptions(DevPki pki, bool requireClientCertificate = true, string host = "node1") => new()
    {
        ServerCredential = Credential(pki.Host(host)),
        RequireClientCertificate = requireClientCertificate,
    };

    /// <summary>A client that checks the server as the keystore does: the dev PKI's trust and the name "localhost".</summary>
    public static GridTlsClientOptions ClientOptions(DevPki pki, TlsCredential? credential, string targetHost = "localhost") => new()
    {
        TargetHost = targetHost,
        ServerCertificateValidator = new HostCertificateValidator(GridTrustStore.Load(pki.TrustDirectory)).Check,
        ClientCredential = credential,
    };

    public static TlsCredential Credential(DevCredential credential) => new([credential.Certificate], credential.PrivateKey);

    public async ValueTask DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        ClientSocket.Dispose();
        ServerSocket.Dispose();
    }
}

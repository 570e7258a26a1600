using System.Net;
using System.Net.Sockets;
using System.Text;
using Hydra.CertsDev;
using Hydra.Grid.Tests.Support;
using Hydra.Grid.Tls;
using Hydra.Testing;
using Org.BouncyCastle.X509;

namespace Hydra.Grid.Tests.Tls;

/// <summary>
/// The grid TLS engine against the real openssl, as the other end of a connection, with an RSA and an EC (P-256)
/// host key.
/// </summary>
public sealed class GridTlsOpenSslInteropTests(MixedKeyPkiFixture fixture) : IClassFixture<MixedKeyPkiFixture>
{
    private readonly DevPki _pki = fixture.Pki;

    // openssl's default cipher list, which puts ECDHE-ECDSA first: the server offers only the TLS 1.2 suites its key can
    // sign for, so an RSA host no longer picks an ECDSA suite ("wrong certificate type").
    [Theory]
    [InlineData(MixedKeyPkiFixture.RsaHost, null, "TLS 1.3", "TLSv1.3", "TLS_AES_")]
    [InlineData(MixedKeyPkiFixture.RsaHost, "-tls1_3", "TLS 1.3", "TLSv1.3", "TLS_AES_")]
    [InlineData(MixedKeyPkiFixture.RsaHost, "-tls1_2", "TLS 1.2", "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_GCM")]
    [InlineData(MixedKeyPkiFixture.EcHost, null, "TLS 1.3", "TLSv1.3", "TLS_AES_")]
    [InlineData(MixedKeyPkiFixture.EcHost, "-tls1_3", "TLS 1.3", "TLSv1.3", "TLS_AES_")]
    [InlineData(MixedKeyPkiFixture.EcHost, "-tls1_2", "TLS 1.2", "TLSv1.2", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM")]
    public async Task OpenSslClient_DefaultCipherList_HandshakeAndEcho(
        string host, string? versionFlag, string version, string opensslVersion, string suitePrefix)
    {
        // Arrange
        var user = _pki.User(DevUser.Reader);
        using var listener = Listen();
        var serve = ServeOnceAsync(listener, host);

        // Act
        var client = await OpenSslClientAsync(listener, versionFlag, ["-cert", user.CertificatePath, "-key", user.KeyPath]);
        var (session, line) = await serve.DefaultTimeout();

        // Assert: both ends agree, the server saw the user, openssl verified the host and read the answer.
        Assert.True(client.ExitCode == 0, client.Output);
        Assert.Equal(version, session.ProtocolVersion);
        Assert.StartsWith(suitePrefix, session.CipherSuite, StringComparison.Ordinal);
        Assert.Equal("h2", session.ApplicationProtocol);
        AssertChainStartsWith([user.Certificate], session.PeerChain);
        Assert.Equal("ping", line);
        Assert.Contains("pong ping", client.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"Protocol version: {opensslVersion}", client.StandardError, StringComparison.Ordinal);
        Assert.Contains("Verification: OK", client.StandardError, StringComparison.Ordinal);
    }

    // Every AEAD suite the policy offers, record protection computed by .NET (GridTlsCrypto) on our side and by
    // openssl on the other: a byte wrong in nonce, associated data or tag handling fails the echo. The answer spans
    // several full records (sealed into one reused buffer), so a stale byte from an earlier record would show.
    [Theory]
    [InlineData("-tls1_3", "-ciphersuites", "TLS_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256")]
    [InlineData("-tls1_3", "-ciphersuites", "TLS_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384")]
    [InlineData("-tls1_3", "-ciphersuites", "TLS_CHACHA20_POLY1305_SHA256", "TLS_CHACHA20_POLY1305_SHA256")]
    [InlineData("-tls1_2", "-cipher", "ECDHE-RSA-AES128-GCM-SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")]
    [InlineData("-tls1_2", "-cipher", "ECDHE-RSA-AES256-GCM-SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384")]
    public async Task OpenSslClient_EachAeadSuite_HandshakeAndEcho(string versionFlag, string suiteFlag, string opensslSuite, string suite)
    {
        // Arrange
        var user = _pki.User(DevUser.Reader);
        using var listener = Listen();
        var bulk = string.Concat(Enumerable.Range(0, 4_000).Select(i => $"line {i:D5} of the bulk answer\n"));
        var serve = ServeOnceAsync(listener, MixedKeyPkiFixture.RsaHost, bulk);

        // Act
        var client = await OpenSslClientAsync(listener, versionFlag, ["-cert", user.CertificatePath, "-key", user.KeyPath, suiteFlag, opensslSuite]);
        var (session, line) = await serve.DefaultTimeout();

        // Assert
        Assert.True(client.ExitCode == 0, client.Output);
        Assert.Equal(suite, session.CipherSuite);
        Assert.Equal("ping", line);
        Assert.True(bulk.Length > 6 * 16_384, "the bulk answer must span several full records");
        Assert.Contains("pong ping\n" + bulk, client.StandardOutput.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenSslClient_ProxyChain_ServerSeesProxyAndUserCertificate()
    {
        // Arrange: openssl sends the proxy as its certificate and the user's certificate as the chain.
        var user = _pki.User(DevUser.Clinician);
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Clinician });
        using var listener = Listen();
        var serve = ServeOnceAsync(listener, MixedKeyPkiFixture.RsaHost);

        // Act
        var client = await OpenSslClientAsync(
            listener, "-tls1_3", ["-cert", proxy.Path, "-key", proxy.Path, "-cert_chain", user.CertificatePath]);
        var (session, _) = await serve.DefaultTimeout();

        // Assert
        Assert.True(client.ExitCode == 0, client.Output);
        AssertChainStartsWith(proxy.Chain, session.PeerChain);
    }

    [Theory]
    [InlineData(MixedKeyPkiFixture.RsaHost, "-tls1_3", "TLS 1.3")]
    [InlineData(MixedKeyPkiFixture.RsaHost, "-tls1_2", "TLS 1.2")]
    [InlineData(MixedKeyPkiFixture.EcHost, "-tls1_3", "TLS 1.3")]
    [InlineData(MixedKeyPkiFixture.EcHost, "-tls1_2", "TLS 1.2")]
    public async Task OpenSslServer_ProxyChainClient_VerifiedAndEchoed(string host, string versionFlag, string version)
    {
        // Arrange: openssl verifies the client's RFC 3820 chain against the dev CA and reverses each line it reads.
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader });
        using var server = await OpenSslServerAsync(host, versionFlag);

        // Act
        var answer = await ExchangeWithAsync(server, new TlsCredential(proxy.Chain, proxy.PrivateKey), "hello grid");

        // Assert
        Assert.Equal(version, answer.Session.ProtocolVersion);
        Assert.Equal("h2", answer.Session.ApplicationProtocol);
        AssertChainStartsWith([_pki.Host(host).Certificate], answer.Session.PeerChain);
        Assert.Equal("dirg olleh", answer.Line);
        await WaitForOutputAsync(server.Process, "Peer certificate:");
        Assert.Contains("CN = Alice Reader", server.Process.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-tls1_3")]
    [InlineData("-tls1_2")]
    public async Task OpenSslServer_EcClientCertificate_VerifiedAndEchoed(string versionFlag)
    {
        // Arrange: the EC host connects as a client (as a node does to its peers), to an RSA server.
        var ecHost = _pki.Host(MixedKeyPkiFixture.EcHost);
        using var server = await OpenSslServerAsync(MixedKeyPkiFixture.RsaHost, versionFlag);

        // Act
        var answer = await ExchangeWithAsync(server, TlsLoopback.Credential(ecHost), "ec client");

        // Assert: openssl checked the client's ECDSA signature (CertificateVerify) and its chain.
        Assert.Equal("tneilc ce", answer.Line);
        await WaitForOutputAsync(server.Process, "Peer certificate:");
        Assert.Contains($"CN = {MixedKeyPkiFixture.EcHost}.hydra-dev.org", server.Process.Output, StringComparison.Ordinal);
    }

    private async Task<OpenSslServer> OpenSslServerAsync(string host, string versionFlag)
    {
        var credential = _pki.Host(host);
        var port = FreePort.Next();
        var process = PeerProcess.Start(Peers.Require("openssl", "openssl"),
        [
            "s_server", "-accept", $"127.0.0.1:{port}", "-cert", credential.CertificatePath, "-key", credential.KeyPath,
            "-CAfile", _pki.CaCertificatePath, "-Verify", "4", "-verify_return_error", "-allow_proxy_certs",
            "-alpn", "h2", versionFlag, "-rev",
        ]);
        try
        {
            await WaitForOutputAsync(process, "ACCEPT");
            return new OpenSslServer(process, port);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Connects with our client, sends one line and reads openssl's answer (the line reversed).</summary>
    private async Task<(GridTlsSession Session, string Line)> ExchangeWithAsync(OpenSslServer server, TlsCredential credential, string line)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, server.Port).DefaultTimeout();
        await using var tls = await GridTlsStream.ConnectAsync(new NetworkStream(socket, ownsSocket: false),
            TlsLoopback.ClientOptions(_pki, credential, targetHost: "127.0.0.1"), CancellationToken.None).DefaultTimeout();
        await tls.WriteAsync(Encoding.ASCII.GetBytes(line + "\n")).AsTask().DefaultTimeout();
        return (tls.Session, await ReadLineAsync(tls));
    }

    private sealed record OpenSslServer(PeerProcess Process, int Port) : IDisposable
    {
        public void Dispose() => Process.Dispose();
    }

    /// <summary>openssl completes chains from its CA file, so the peer chain may end with the dev CA.</summary>
    private void AssertChainStartsWith(IReadOnlyList<X509Certificate> expected, IReadOnlyList<X509Certificate> actual)
    {
        Assert.Equal(expected.Select(c => Convert.ToHexString(c.GetEncoded())), actual.Take(expected.Count).Select(c => Convert.ToHexString(c.GetEncoded())));
        Assert.All(actual.Skip(expected.Count), extra => Assert.Equal(_pki.CaCertificate, extra));
    }

    private static TcpListener Listen()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return listener;
    }

    /// <summary>Accepts one connection, reads one line, answers "pong &lt;line&gt;" (then <paramref name="bulk"/>) and closes with close_notify.</summary>
    private async Task<(GridTlsSession Session, string Line)> ServeOnceAsync(TcpListener listener, string host, string bulk = "")
    {
        using var socket = await listener.AcceptSocketAsync().DefaultTimeout();
        await using var tls = await GridTlsStream.AcceptAsync(
            new NetworkStream(socket, ownsSocket: false), TlsLoopback.ServerOptions(_pki, host: host), CancellationToken.None).DefaultTimeout();
        var line = await ReadLineAsync(tls);
        await tls.WriteAsync(Encoding.ASCII.GetBytes($"pong {line}\n{bulk}")).AsTask().DefaultTimeout();
        return (tls.Session, line);
    }

    private Task<ProcessResult> OpenSslClientAsync(TcpListener listener, string? versionFlag, IEnumerable<string> credential)
    {
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        string[] version = versionFlag is null ? [] : [versionFlag];
        string[] arguments =
        [
            "s_client", "-connect", $"127.0.0.1:{port}", "-servername", "localhost", .. version,
            "-CAfile", _pki.CaCertificatePath, "-verify_return_error", "-alpn", "h2", "-brief", "-ign_eof", .. credential,
        ];
        return ProcessRunner.RunAsync(Peers.Require("openssl", "openssl"), arguments, standardInput: "ping\n",
            timeout: TaskTimeoutExtensions.DefaultTimeoutSpan);
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one).AsTask().DefaultTimeout() == 1 && one[0] != (byte)'\n')
        {
            line.Add(one[0]);
        }

        return Encoding.ASCII.GetString([.. line]);
    }

    private static async Task WaitForOutputAsync(PeerProcess peer, string text)
    {
        // Bounded poll: openssl says ACCEPT once listening, and reports a connection only after it ends the handshake.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!peer.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"openssl never printed '{text}': {peer.Output}");
            await Task.Delay(50);
        }
    }
}

using Hydra.CertsDev;
using Hydra.Grid.Tests.Support;
using Hydra.Grid.Tls;
using Hydra.Testing;
using Hydra.Testing.Pki;

namespace Hydra.Grid.Tests.Tls;

/// <summary>The grid TLS stream end to end: two real ends over TCP on 127.0.0.1 with dev PKI credentials.</summary>
[Collection(GridPkiCollection.Name)]
public sealed class GridTlsStreamTests(DevPkiFixture fixture)
{
    private readonly DevPki _pki = fixture.Pki;

    [Fact]
    public async Task Handshake_EndEntityCertificate_BothEndsAgreeOnTls13AndH2()
    {
        // Arrange
        var user = _pki.User(DevUser.Reader);

        // Act
        await using var pair = await TlsLoopback.HandshakeAsync(
            TlsLoopback.ClientOptions(_pki, TlsLoopback.Credential(user)), TlsLoopback.ServerOptions(_pki));

        // Assert
        Assert.Equal("TLS 1.3", pair.Client.Session.ProtocolVersion);
        Assert.Equal(pair.Client.Session.ProtocolVersion, pair.Server.Session.ProtocolVersion);
        Assert.StartsWith("TLS_", pair.Client.Session.CipherSuite, StringComparison.Ordinal);
        Assert.Equal(pair.Client.Session.CipherSuite, pair.Server.Session.CipherSuite);
        Assert.Equal("h2", pair.Client.Session.ApplicationProtocol);
        Assert.Equal("h2", pair.Server.Session.ApplicationProtocol);
        Assert.Equal([user.Certificate], pair.Server.Session.PeerChain);
        Assert.Equal([_pki.Host("node1").Certificate], pair.Client.Session.PeerChain);
    }

    [Fact]
    public async Task Handshake_Rfc3820ProxyOfAProxy_ServerSeesTheWholeChain()
    {
        // Arrange: user -> proxy -> proxy, three certificates, the leaf's key signing the handshake.
        var proxy = _pki.CreateProxy(new ProxyRequest { User = DevUser.Clinician });
        var delegated = _pki.CreateProxy(new ProxyRequest { User = DevUser.Clinician, IssueFrom = proxy });

        // Act
        await using var pair = await TlsLoopback.HandshakeAsync(
            TlsLoopback.ClientOptions(_pki, new TlsCredential(delegated.Chain, delegated.PrivateKey)), TlsLoopback.ServerOptions(_pki));

        // Assert: the chain arrives in order and validates as the keystore validates it.
        var chain = pair.Server.Session.PeerChain;
        Assert.Equal(3, chain.Count);
        Assert.Equal(delegated.Chain.Select(c => c.GetEncoded()), chain.Select(c => c.GetEncoded()));
        var identity = new ProxyChainValidator(GridTrustStore.Load(_pki.TrustDirectory)).Validate(chain, DateTimeOffset.UtcNow);
        Assert.Equal(2, identity.ProxyDepth);
        Assert.Equal(_pki.User(DevUser.Clinician).Subject, identity.Subject);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(16 * 1024 + 1)] // one byte more than a TLS record holds
    [InlineData(1024 * 1024)]
    public async Task Exchange_PayloadBothWaysAtOnce_ArrivesIntact(int size)
    {
        // Arrange
        await using var pair = await HandshakeAsync();
        var toServer = Payload(size, seed: 1);
        var toClient = Payload(size, seed: 2);
        var atServer = new byte[size];
        var atClient = new byte[size];

        // Act: both ends write and read concurrently, as HTTP/2 does.
        await Task.WhenAll(
            pair.Client.WriteAsync(toServer).AsTask(),
            pair.Server.WriteAsync(toClient).AsTask(),
            pair.Server.ReadExactlyAsync(atServer).AsTask(),
            pair.Client.ReadExactlyAsync(atClient).AsTask()).DefaultTimeout();

        // Assert
        Assert.Equal(toServer, atServer);
        Assert.Equal(toClient, atClient);
    }

    [Fact]
    public async Task Exchange_ManySmallWritesFromBothEnds_ArriveInOrder()
    {
        // Arrange
        await using var pair = await HandshakeAsync();
        var messages = Enumerable.Range(0, 200).Select(i => Payload(1 + (i % 37), seed: i)).ToArray();
        var expected = messages.SelectMany(m => m).ToArray();

        // Act
        async Task SendAll(GridTlsStream stream)
        {
            foreach (var message in messages)
            {
                await stream.WriteAsync(message);
            }
        }

        var atServer = new byte[expected.Length];
        var atClient = new byte[expected.Length];
        await Task.WhenAll(
            SendAll(pair.Client), SendAll(pair.Server),
            pair.Server.ReadExactlyAsync(atServer).AsTask(), pair.Client.ReadExactlyAsync(atClient).AsTask()).DefaultTimeout();

        // Assert
        Assert.Equal(expected, atServer);
        Assert.Equal(expected, atClient);
    }

    [Fact]
    public async Task Handshake_NoApplicationProtocolOnEitherEnd_NoneNegotiated()
    {
        // Arrange: DICOM over TLS uses no ALPN at all.
        var client = TlsLoopback.ClientOptions(_pki, TlsLoopback.Credential(_pki.User(DevUser.Reader)));
        var server = TlsLoopback.ServerOptions(_pki);

        // Act
        await using var pair = await TlsLoopback.HandshakeAsync(
            new GridTlsClientOptions
            {
                TargetHost = client.TargetHost,
                ServerCertificateValidator = client.ServerCertificateValidator,
                ClientCredential = client.ClientCredential,
                ApplicationProtocols = [],
            },
            new GridTlsServerOptions { ServerCredential = server.ServerCredential, ApplicationProtocols = [] });

        // Assert
        Assert.Null(pair.Client.Session.ApplicationProtocol);
        Assert.Null(pair.Server.Session.ApplicationProtocol);
    }

    [Fact]
    public async Task Handshake_NoClientCertificateWhenRequired_Refused()
    {
        // Arrange
        await using var pair = await TlsLoopback.ConnectAsync();

        // Act
        var (connect, accept) = pair.StartHandshakes(TlsLoopback.ClientOptions(_pki, credential: null), TlsLoopback.ServerOptions(_pki));
        var refusal = await Assert.ThrowsAsync<GridTlsException>(() => accept).DefaultTimeout();
        var clientFailure = await ClientFailureAsync(connect);

        // Assert: TLS 1.3 clients end their handshake before the server judges them, so the client may only learn of
        // the refusal (certificate_required alert) on its first read.
        Assert.Contains("client certificate is required", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(HandshakeRefusalReason.NoCertificate, refusal.Reason);
        Assert.Contains("certificate_required", clientFailure.Message, StringComparison.Ordinal);
        Assert.IsType<GridTlsException>(clientFailure);
        Assert.StartsWith("The server requires a client certificate", clientFailure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handshake_NoClientCertificateWhenOptional_AcceptedWithEmptyPeerChain()
    {
        // Act
        await using var pair = await TlsLoopback.HandshakeAsync(
            TlsLoopback.ClientOptions(_pki, credential: null), TlsLoopback.ServerOptions(_pki, requireClientCertificate: false));

        // Assert
        Assert.Empty(pair.Server.Session.PeerChain);
        await pair.Client.WriteAsync(new byte[] { 42 }).AsTask().DefaultTimeout();
        var received = new byte[1];
        await pair.Server.ReadExactlyAsync(received).AsTask().DefaultTimeout();
        Assert.Equal(42, received[0]);
    }

    [Theory]
    [InlineData("node2", "does not name 'node2'")] // node1's certificate, another name expected
    [InlineData("dn:/DC=org/DC=hydra-dev/O=Hydra/CN=node3.hydra-dev.org", "does not name 'dn:")]
    public async Task Handshake_ServerRefusedByClientValidator_GridTlsExceptionNamesReason(string targetHost, string reason)
    {
        // Arrange
        await using var pair = await TlsLoopback.ConnectAsync();
        var client = TlsLoopback.ClientOptions(_pki, TlsLoopback.Credential(_pki.User(DevUser.Reader)), targetHost);

        // Act
        var (connect, accept) = pair.StartHandshakes(client, TlsLoopback.ServerOptions(_pki));
        var refusal = await Assert.ThrowsAsync<GridTlsException>(() => connect).DefaultTimeout();
        var serverSide = await Assert.ThrowsAsync<GridTlsException>(() => accept).DefaultTimeout();

        // Assert: the client says which server and why; the server learns of the alert.
        Assert.Contains($"The server '{targetHost}' is not trusted", refusal.Message, StringComparison.Ordinal);
        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
        Assert.Contains("bad_certificate", serverSide.Message, StringComparison.Ordinal);
        Assert.Equal(HandshakeRefusalReason.ProtocolError, serverSide.Reason);
    }

    [Fact]
    public async Task Handshake_ServerWithRevokedCertificate_ClientRefusesNamingRevocation()
    {
        // Arrange: the server presents the revoked user's certificate (its serial is in the dev CRL).
        await using var pair = await TlsLoopback.ConnectAsync();
        var server = new GridTlsServerOptions { ServerCredential = TlsLoopback.Credential(_pki.User(DevUser.Revoked)) };

        // Act
        var (connect, accept) = pair.StartHandshakes(TlsLoopback.ClientOptions(_pki, credential: null), server);
        var refusal = await Assert.ThrowsAsync<GridTlsException>(() => connect).DefaultTimeout();
        await Assert.ThrowsAsync<GridTlsException>(() => accept).DefaultTimeout();

        // Assert
        Assert.Contains("was revoked", refusal.Message, StringComparison.Ordinal);
    }

    private async Task<TlsLoopback> HandshakeAsync() =>
        await TlsLoopback.HandshakeAsync(
            TlsLoopback.ClientOptions(_pki, TlsLoopback.Credential(_pki.User(DevUser.Reader))), TlsLoopback.ServerOptions(_pki));

    /// <summary>The client's handshake failure, or the failure of its first read when the handshake itself passed.</summary>
    private static async Task<IOException> ClientFailureAsync(Task<GridTlsStream> connect)
    {
        try
        {
            await using var stream = await connect.DefaultTimeout();
            await stream.ReadAsync(new byte[1]).AsTask().DefaultTimeout();
        }
        catch (IOException exception)
        {
            return exception;
        }

        throw new Xunit.Sdk.XunitException("The client was neither refused in its handshake nor on its first read.");
    }

    private static byte[] Payload(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

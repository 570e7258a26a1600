using Hydra.CertsDev;
using Hydra.Grid.Tests.Support;
using Hydra.Grid.Tls;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Hydra.Grid.Tests.Tls;

/// <summary>Our client and server with RSA and EC (P-256) host keys, and the suites a server offers for each.</summary>
public sealed class GridTlsKeyTypeTests(MixedKeyPkiFixture fixture) : IClassFixture<MixedKeyPkiFixture>
{
    private readonly DevPki _pki = fixture.Pki;

    [Theory]
    [InlineData(MixedKeyPkiFixture.RsaHost)]
    [InlineData(MixedKeyPkiFixture.EcHost)]
    public async Task Handshake_ServerHostKey_ClientVerifiesTheHost(string host)
    {
        // Arrange
        var user = _pki.User(DevUser.Reader);

        // Act
        await using var pair = await TlsLoopback.HandshakeAsync(
            TlsLoopback.ClientOptions(_pki, TlsLoopback.Credential(user)), TlsLoopback.ServerOptions(_pki, host: host));

        // Assert
        Assert.Equal("TLS 1.3", pair.Client.Session.ProtocolVersion);
        Assert.Equal([_pki.Host(host).Certificate], pair.Client.Session.PeerChain);
        Assert.Equal([user.Certificate], pair.Server.Session.PeerChain);
    }

    [Fact]
    public async Task Handshake_EcClientCredential_ServerSeesTheChain()
    {
        // Arrange: an EC host calls another node, as the checkpoint exchange does.
        var ecHost = _pki.Host(MixedKeyPkiFixture.EcHost);

        // Act
        await using var pair = await TlsLoopback.HandshakeAsync(
            TlsLoopback.ClientOptions(_pki, TlsLoopback.Credential(ecHost)), TlsLoopback.ServerOptions(_pki, host: MixedKeyPkiFixture.RsaHost));

        // Assert
        Assert.Equal([ecHost.Certificate], pair.Server.Session.PeerChain);
    }

    [Theory]
    [InlineData(MixedKeyPkiFixture.RsaHost, KeyExchangeAlgorithm.ECDHE_RSA)]
    [InlineData(MixedKeyPkiFixture.EcHost, KeyExchangeAlgorithm.ECDHE_ECDSA)]
    public void ServerCipherSuites_HostKey_Tls12SuitesMatchTheKeyAndTls13SuitesStay(string host, int keyExchange)
    {
        // Arrange
        var crypto = new BcTlsCrypto(new SecureRandom());

        // Act
        var suites = GridTlsPolicy.ServerCipherSuites(crypto, _pki.Host(host).PrivateKey);

        // Assert: every TLS 1.3 suite the client offers, and only the TLS 1.2 suites this key signs for.
        var offered = GridTlsPolicy.CipherSuites(crypto);
        Assert.Equal(
            offered.Where(s => TlsUtilities.GetKeyExchangeAlgorithm(s) is KeyExchangeAlgorithm.NULL || TlsUtilities.GetKeyExchangeAlgorithm(s) == keyExchange),
            suites);
        Assert.Contains(suites, s => TlsUtilities.GetKeyExchangeAlgorithm(s) == keyExchange);
        Assert.Contains(suites, s => TlsUtilities.GetKeyExchangeAlgorithm(s) == KeyExchangeAlgorithm.NULL);
    }
}

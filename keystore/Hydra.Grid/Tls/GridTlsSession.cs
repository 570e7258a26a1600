using Org.BouncyCastle.X509;

namespace Hydra.Grid.Tls;

/// <summary>What a finished handshake negotiated, and the chain the peer presented (leaf first, possibly empty).</summary>
public sealed record GridTlsSession(
    string ProtocolVersion,
    string CipherSuite,
    string? ApplicationProtocol,
    IReadOnlyList<X509Certificate> PeerChain);

namespace Hydra.Grid.Tls;

/// <summary>Why a server refused a client's TLS connection (<see cref="HandshakeRefusal"/>).</summary>
public enum HandshakeRefusalReason
{
    /// <summary>The handshake broke on a TLS alert or malformed input (not TLS, no common version or suite...).</summary>
    ProtocolError,

    /// <summary>The client presented no certificate.</summary>
    NoCertificate,

    /// <summary>The client's chain does not lead to a trusted CA, or a signature in it is wrong.</summary>
    UntrustedChain,

    /// <summary>A certificate of the client's chain has expired or is not yet valid.</summary>
    Expired,

    /// <summary>A certificate of the client's chain is revoked.</summary>
    Revoked,

    /// <summary>The client's credential is refused for another reason (proxy rules, key usage, VOMS attributes...).</summary>
    InvalidCredential,

    /// <summary>The handshake did not finish in time.</summary>
    TimedOut,

    /// <summary>The client closed the connection before the handshake finished.</summary>
    Closed,
}

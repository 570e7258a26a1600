namespace Hydra.Grid.Tls;

/// <summary>A TLS handshake that failed, with a reason a person can act on (never key material).</summary>
public sealed class GridTlsException : IOException
{
    public GridTlsException()
    {
    }

    public GridTlsException(string message)
        : base(message)
    {
    }

    public GridTlsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// For a server's failed handshake: <see cref="HandshakeRefusalReason.NoCertificate"/> when it refused a client
    /// that sent no certificate, else <see cref="HandshakeRefusalReason.ProtocolError"/>.
    /// </summary>
    public HandshakeRefusalReason Reason { get; internal init; }
}

namespace Hydra.Grid.Tls;

/// <summary>One refused client connection, as a TLS server reports it to <see cref="IHandshakeRefusalSink"/>s.</summary>
/// <param name="PeerAddress">The client's IP address, without the port (which changes with every connection).</param>
/// <param name="Reason">Why the connection was refused.</param>
/// <param name="Detail">The refusal as a person reads it (alert, credential error); DNs may appear, keys never do.</param>
public sealed record HandshakeRefusal(string PeerAddress, HandshakeRefusalReason Reason, string Detail)
{
    /// <summary>The reason for a refused grid credential.</summary>
    public static HandshakeRefusalReason ReasonFor(GridCredentialError error) => error switch
    {
        GridCredentialError.UntrustedIssuer or GridCredentialError.BadSignature => HandshakeRefusalReason.UntrustedChain,
        GridCredentialError.Expired or GridCredentialError.NotYetValid => HandshakeRefusalReason.Expired,
        GridCredentialError.Revoked => HandshakeRefusalReason.Revoked,
        _ => HandshakeRefusalReason.InvalidCredential,
    };
}

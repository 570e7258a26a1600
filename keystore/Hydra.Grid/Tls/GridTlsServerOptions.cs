namespace Hydra.Grid.Tls;

/// <summary>How <see cref="GridTlsStream.AcceptAsync"/> presents the server and what it asks of clients.</summary>
public sealed class GridTlsServerOptions
{
    /// <summary>The server's host certificate chain and key.</summary>
    public required TlsCredential ServerCredential { get; init; }

    /// <summary>
    /// When true (the default) a client that presents no certificate is refused with the certificate_required alert.
    /// The chain itself is not judged here: the application validates it (proxies included) and answers with a
    /// readable error, which a TLS alert could not carry.
    /// </summary>
    public bool RequireClientCertificate { get; init; } = true;

    /// <summary>ALPN protocols the server accepts. Defaults to <c>h2</c> (gRPC).</summary>
    public IReadOnlyList<string> ApplicationProtocols { get; init; } = ["h2"];

    /// <summary>Most certificates accepted in a client chain (a CA-issued EEC plus proxies). Defaults to 10.</summary>
    public int MaxClientChainLength { get; init; } = 10;

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(ServerCredential);
        ServerCredential.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxClientChainLength, 1);
    }
}

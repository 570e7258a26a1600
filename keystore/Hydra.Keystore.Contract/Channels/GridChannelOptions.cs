using Org.BouncyCastle.X509;

namespace Hydra.Keystore.Contract.Channels;

/// <summary>How grid channels and handlers connect to a node or the bridge.</summary>
public sealed record GridChannelOptions
{
    /// <summary>How long to wait for a TCP connection and TLS handshake. Defaults to 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Told each server's host certificate (leaf) after it passed validation in a handshake, with the server's id; the
    /// bridge keeps them to seal shares for a node that is down later.
    /// </summary>
    public Action<string, X509Certificate>? ServerCertificateSeen { get; init; }

    /// <summary>
    /// Told why a server's certificate was refused, with the server's id: in a handshake, or when checked again after
    /// the trust store reloaded. Calls on the channel then fail with a <see cref="ServerCertificateRefusedException"/>,
    /// but only after their retries; a client that does not wait for every server reports the refusal from here at once.
    /// </summary>
    public Action<string, string>? ServerCertificateRefused { get; init; }

    /// <summary>
    /// The ALPN protocol the connection asks for: <c>h2</c> (the default; gRPC and the bridge's reader endpoint), or
    /// <c>http/1.1</c> for an <see cref="HttpClient"/> sending HTTP/1.1 requests to an endpoint that speaks both.
    /// </summary>
    public string ApplicationProtocol { get; init; } = "h2";

    public static GridChannelOptions Default { get; } = new();
}

using System.Security.Cryptography.X509Certificates;
using System.Text;
using Hydra.Grid.Tls;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Hydra.Hosting;

/// <summary>
/// Tells Kestrel which HTTP version a grid TLS connection speaks. Kestrel picks HTTP/1.1 or HTTP/2 on an endpoint that
/// takes both from the TLS features of the connection (ALPN, RFC 7301); TLS ends in <see cref="GridTlsConnectionMiddleware"/>,
/// not in Kestrel, so the middleware sets them: the protocol the handshake chose, and HTTP/1.1 when the client offered
/// no ALPN at all, as Kestrel does: HTTP/2 over TLS is only ever chosen by ALPN (RFC 9113 section 3.2), and clients that
/// send none (.NET's HttpClient for an HTTP/1.1 request, older curl) speak HTTP/1.1. Hydra's own clients offer <c>h2</c>.
/// </summary>
internal static class GridTlsProtocolFeatures
{
    private const string Http2 = "h2";
    private const string Http11 = "http/1.1";

    /// <summary>The endpoint's TLS options offering both protocols by ALPN, HTTP/2 first.</summary>
    public static GridTlsServerOptions WithHttp1(GridTlsServerOptions options) => new()
    {
        ServerCredential = options.ServerCredential,
        RequireClientCertificate = options.RequireClientCertificate,
        MaxClientChainLength = options.MaxClientChainLength,
        ApplicationProtocols = [Http2, Http11],
    };

    public static void Set(IFeatureCollection features, string? negotiated)
    {
        var protocol = negotiated == Http2 ? Http2 : Http11;
        features.Set<ITlsApplicationProtocolFeature>(new Negotiated(Encoding.ASCII.GetBytes(protocol)));
        features.Set<ITlsConnectionFeature>(new Tls());
    }

    private sealed class Negotiated(ReadOnlyMemory<byte> protocol) : ITlsApplicationProtocolFeature
    {
        public ReadOnlyMemory<byte> ApplicationProtocol => protocol;
    }

    /// <summary>
    /// Says "this connection is TLS" (so HTTP/1.1 requests are https). The client's chain is in
    /// <see cref="GridConnectionFeature"/>: a proxy chain has no place in an <see cref="X509Certificate2"/>.
    /// </summary>
    private sealed class Tls : ITlsConnectionFeature
    {
        public X509Certificate2? ClientCertificate
        {
            get => null;
            set => throw new NotSupportedException("The grid TLS client chain is in GridConnectionFeature.");
        }

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult<X509Certificate2?>(null);
    }
}

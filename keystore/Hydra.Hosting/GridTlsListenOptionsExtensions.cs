using Hydra.Grid.Tls;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Hosting;

/// <summary>Puts a Kestrel endpoint behind grid TLS (BouncyCastle; RFC 3820 proxies accepted).</summary>
public static class GridTlsListenOptionsExtensions
{
    /// <summary>
    /// Terminates TLS on this endpoint with the service's <see cref="GridHost"/> (registered by
    /// <see cref="GridHostServiceCollectionExtensions.AddGridHost"/>); Kestrel then speaks HTTP/2 over it, and requests see
    /// the client's chain as a <see cref="GridConnectionFeature"/>. With <paramref name="protocols"/>
    /// <see cref="HttpProtocols.Http1AndHttp2"/> (a web endpoint, not gRPC) a client that asks for <c>h2</c> by ALPN (Hydra's
    /// own clients do) gets HTTP/2; one that asks for <c>http/1.1</c>, or for nothing, HTTP/1.1 (<see cref="GridTlsProtocolFeatures"/>).
    /// </summary>
    public static ListenOptions UseGridTls(this ListenOptions listen, HttpProtocols protocols = HttpProtocols.Http2)
    {
        ArgumentNullException.ThrowIfNull(listen);
        if (protocols is not (HttpProtocols.Http2 or HttpProtocols.Http1AndHttp2))
        {
            throw new ArgumentOutOfRangeException(nameof(protocols), protocols, "A grid TLS endpoint speaks HTTP/2, or HTTP/1.1 and HTTP/2.");
        }

        var services = listen.ApplicationServices;
        listen.Protocols = protocols;

        // TLS ends in the middleware below, so Kestrel takes the connection for cleartext and would reset HTTP/2
        // requests saying :scheme https (curl, grpcurl, browsers) with PROTOCOL_ERROR; Hydra's own clients say http
        // over their own TLS. Both are true of a grid TLS endpoint, so both are accepted.
        listen.KestrelServerOptions.AllowAlternateSchemes = true;

        // Resolved when Kestrel binds (in StartAsync), not while the host is built: a sink may need the service's store,
        // and a store that fails to open must fail a start that disposes what it opened.
        listen.Use(next => new GridTlsConnectionMiddleware(
            next, services.GetRequiredService<GridHost>(), services.GetRequiredService<TimeProvider>(),
            services.GetServices<IHandshakeRefusalSink>(), http1: protocols == HttpProtocols.Http1AndHttp2).OnConnectionAsync);
        return listen;
    }
}

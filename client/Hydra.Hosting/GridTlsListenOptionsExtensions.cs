using Hydra.Client.Tls;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hydra.Hosting;

/// <summary>Puts a Kestrel endpoint behind grid TLS (BouncyCastle; RFC 3820 proxies accepted).</summary>
public static class GridTlsListenOptionsExtensions
{
    /// <summary>
    /// Terminates TLS on this endpoint with <paramref name="options"/>; Kestrel then speaks the protocols set on the
    /// endpoint (HTTP/2 for gRPC) over it, and requests see the client's chain as a <see cref="GridConnectionFeature"/>.
    /// </summary>
    public static ListenOptions UseGridTls(this ListenOptions listen, GridTlsServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(listen);
        var logger = listen.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger<GridTlsConnectionMiddleware>();
        listen.Use(next => new GridTlsConnectionMiddleware(next, options, logger).OnConnectionAsync);
        return listen;
    }
}

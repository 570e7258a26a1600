using System.Security.Cryptography.X509Certificates;
using Hydra.Bridge.Options;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Hydra.Bridge.Portal;

/// <summary>Marks the connections of the portal listener (a connection feature, seen by every request on them).</summary>
internal sealed class PortalConnection
{
    public static readonly PortalConnection Instance = new();
}

/// <summary>Marks the portal's endpoints.</summary>
internal sealed class PortalEndpointMetadata
{
    public static readonly PortalEndpointMetadata Instance = new();
}

/// <summary>
/// The portal's listener: ordinary TLS (browsers send no grid proxies, so <c>SslStream</c> with the bridge's host
/// certificate is right here), its connections marked so that only portal endpoints answer on it.
/// </summary>
internal sealed class PortalListener
{
    private ListenOptions? _listen;

    /// <summary>The bound port once Kestrel started, or null when there is no portal.</summary>
    public int? Port => _listen?.IPEndPoint?.Port;

    public void Configure(KestrelServerOptions kestrel, System.Net.IPAddress address, BridgeOptions options)
    {
        if (options.Portal.Port is not { } port)
        {
            return;
        }

        var certificate = X509Certificate2.CreateFromPemFile(options.HostCertificate, options.HostKey);
        kestrel.Listen(address, port, listen =>
        {
            _listen = listen;
            listen.Use(next => connection =>
            {
                connection.Features.Set(PortalConnection.Instance);
                return next(connection);
            });
            listen.UseHttps(certificate);
        });
    }

    public static bool IsPortal(HttpContext context) => context.Features.Get<PortalConnection>() is not null;
}

/// <summary>
/// Routes portal endpoints on the portal listener only and every other endpoint (the readers') on the others: a path
/// of one never answers on the other's port.
/// </summary>
internal sealed class PortalListenerPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 0;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => true;

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var portalConnection = PortalListener.IsPortal(httpContext);
        for (var i = 0; i < candidates.Count; i++)
        {
            var portalEndpoint = candidates[i].Endpoint.Metadata.GetMetadata<PortalEndpointMetadata>() is not null;
            if (portalEndpoint != portalConnection)
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}

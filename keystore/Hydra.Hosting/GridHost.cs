using Hydra.Grid;
using Hydra.Grid.Tls;
using Microsoft.Extensions.Logging;

namespace Hydra.Hosting;

/// <summary>
/// The grid identity and trust of one service, built in one place and one order: its host credential, the names it
/// answers to, its one trust store (which every TLS endpoint of the service validates against, inbound and outbound),
/// the authenticator of callers, and the TLS options of its listeners.
/// </summary>
public sealed class GridHost : IDisposable
{
    /// <exception cref="GridCredentialException">The host credential or a trust folder cannot be read.</exception>
    public GridHost(GridHostSettings settings, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(loggers);
        Credential = HostCredentials.Load(settings.HostCertificate, settings.HostKey);
        HostNames = settings.HostNames.Count > 0 ? settings.HostNames : HostCredentials.DnsNames(Credential.Leaf);
        Trust = new TrustMaterial(settings.Trust(HostNames), time, loggers.CreateLogger<TrustMaterial>());
        Authenticator = new CredentialAuthenticator(Trust);
        ServerValidator = Trust.HostValidator();
        TlsOptions = new GridTlsServerOptions { ServerCredential = Credential, RequireClientCertificate = !settings.ClientCertificateOptional };
    }

    /// <summary>The host certificate chain and key.</summary>
    public TlsCredential Credential { get; }

    /// <summary>The names the service answers to: configured, or the host certificate's DNS names.</summary>
    public IReadOnlyList<string> HostNames { get; }

    /// <summary>The one trust store, reloaded in place.</summary>
    public TrustMaterial Trust { get; }

    /// <summary>Validates callers' chains and VOMS attributes against <see cref="Trust"/>.</summary>
    public CredentialAuthenticator Authenticator { get; }

    /// <summary>Checks the servers this service connects to against <see cref="Trust"/>.</summary>
    public HostCertificateValidator ServerValidator { get; }

    /// <summary>TLS options of the service's grid TLS listeners (HTTP/2, gRPC).</summary>
    public GridTlsServerOptions TlsOptions { get; }

    public void Dispose() => Trust.Dispose();
}

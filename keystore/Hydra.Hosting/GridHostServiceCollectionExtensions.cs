using Hydra.Grid;
using Hydra.Grid.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Hydra.Hosting;

/// <summary>Registers a service's <see cref="GridHost"/> and the parts other services take from it.</summary>
public static class GridHostServiceCollectionExtensions
{
    /// <summary>
    /// Registers the grid host built from <paramref name="settings"/> (read once, when first needed) and, taken from it,
    /// the <see cref="TrustMaterial"/> and the <see cref="CredentialAuthenticator"/>. Registration order does not matter.
    /// </summary>
    public static IServiceCollection AddGridHost(this IServiceCollection services, Func<IServiceProvider, GridHostSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new GridHost(settings(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton(sp => sp.GetRequiredService<GridHost>().Trust);
        services.AddSingleton(sp => sp.GetRequiredService<GridHost>().Authenticator);
        // Every grid TLS listener logs and counts the connections it refuses; services add their own sinks beside it.
        services.AddMetrics();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHandshakeRefusalSink, HandshakeRefusalReporter>());
        return services;
    }

    /// <summary>Registers the service's <see cref="BearerAuthenticator"/> built from <paramref name="settings"/> (no issuers: tokens refused).</summary>
    public static IServiceCollection AddBearerAuthenticator(this IServiceCollection services, Func<IServiceProvider, TokenSettings> settings)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new BearerAuthenticator(settings(sp), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        return services;
    }
}

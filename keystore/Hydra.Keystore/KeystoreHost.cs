using System.Net;
using Grpc.AspNetCore.Server.Model;
using Hydra.Grid.Tls;
using Hydra.Hosting;
using Hydra.Keystore.Auditing;
using Hydra.Keystore.Hosting;
using Hydra.Keystore.Operations;
using Hydra.Keystore.Options;
using Hydra.Keystore.Security;
using Hydra.Keystore.Services;
using Hydra.Keystore.Storage;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hydra.Keystore;

/// <summary>Composes a keystore node: options, trust, storage, the gRPC service and the grid TLS listener.</summary>
public static class KeystoreHost
{
    /// <summary>
    /// Builds the node from configuration (appsettings.json, <c>Keystore__*</c> environment variables, command line),
    /// then <paramref name="configure"/>, which tests and the demo use to point it at a dev PKI and a temp folder.
    /// </summary>
    public static WebApplication Build(string[] args, Action<KeystoreOptions>? configure = null, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        var optionsBuilder = builder.Services.AddOptions<KeystoreOptions>().Bind(builder.Configuration.GetSection(KeystoreOptions.SectionName));
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }

        optionsBuilder.ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<KeystoreOptions>, KeystoreOptionsValidator>();
        AddServices(builder.Services);
        builder.WebHost.ConfigureKestrel(ConfigureListener);

        // Refusals are RpcExceptions, which Grpc.AspNetCore logs with their stack traces at Information; the node
        // logs each refusal itself (OperationRefused, MalformedRequest), and errors still pass.
        builder.Logging.AddFilter("Grpc.AspNetCore.Server.ServerCallHandler", LogLevel.Warning);
        customize?.Invoke(builder);

        var app = builder.Build();
        app.MapGrpcService<KeystoreService>().Add(StrictRequestMethodProvider.PreferStrict);
        app.MapGrpcHealthChecksService();
        app.MapGrpcReflectionService();
        return app;
    }

    private static void AddServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<KeystoreOptions>>().Value);
        services.AddSingleton(sp => NodeRoles.From(sp.GetRequiredService<KeystoreOptions>().Roles));
        services.AddGridHost(sp => sp.GetRequiredService<KeystoreOptions>().GridHost());
        services.AddSealedStore();
        services.AddSingleton(sp => new KeyOperations(sp.GetRequiredService<NodeRoles>(), sp.GetRequiredService<GridHost>().Credential));
        services.AddBearerAuthenticator(sp => sp.GetRequiredService<KeystoreOptions>().Tokens);
        services.AddSingleton<CallerResolver>();
        services.AddSingleton<CheckpointWitness>();
        services.AddSingleton<CheckpointService>();
        services.AddHostedService(sp => sp.GetRequiredService<CheckpointService>());
        services.AddSingleton<HandshakeRefusalAuditor>();
        services.AddSingleton<IHandshakeRefusalSink>(sp => sp.GetRequiredService<HandshakeRefusalAuditor>());
        services.AddHostedService(sp => sp.GetRequiredService<HandshakeRefusalAuditor>());
        services.AddGrpc(grpc =>
        {
            grpc.Interceptors.Add<KeystoreErrorInterceptor>();
            grpc.EnableDetailedErrors = false;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IServiceMethodProvider<KeystoreService>, StrictRequestMethodProvider>());
        services.AddGrpcHealthChecks();
        services.AddGrpcReflection();
    }

    private static void ConfigureListener(WebHostBuilderContext context, KestrelServerOptions kestrel)
    {
        var options = kestrel.ApplicationServices.GetRequiredService<KeystoreOptions>();
        var address = options.ListenAddress == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.ListenAddress);
        TokenHeaderLimits.Apply(kestrel.Limits, options.Tokens);
        kestrel.Listen(address, options.Port, listen => listen.UseGridTls());
    }
}

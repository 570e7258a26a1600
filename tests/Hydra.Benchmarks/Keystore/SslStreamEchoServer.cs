using System.Net;
using System.Security.Cryptography.X509Certificates;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hydra.Benchmarks.Keystore;

/// <summary>
/// The transport floor as .NET does it: Kestrel with SslStream mutual TLS (end-entity certificates only) serving the
/// gRPC health check, the cheapest unary call there is.
/// </summary>
public sealed class SslStreamEchoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SslStreamEchoServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SslStreamEchoServer> StartAsync(string certificatePath, string keyPath, string caPath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var serverCertificate = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        var ca = X509CertificateLoader.LoadCertificateFromFile(caPath);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            listen.UseHttps(new HttpsConnectionAdapterOptions
            {
                ServerCertificate = serverCertificate,
                ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                ClientCertificateValidation = (certificate, chain, errors) => ChainsTo(certificate, ca),
            });
        }));
        builder.Services.AddGrpc();
        builder.Services.AddGrpcHealthChecks();
        var app = builder.Build();
        app.MapGrpcHealthChecksService();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SslStreamEchoServer(app, new Uri(address).Port);
    }

    /// <summary>A client channel presenting <paramref name="clientCertificate"/>.</summary>
    public GrpcChannel CreateChannel(X509Certificate2 clientCertificate, X509Certificate2 ca)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        handler.SslOptions.ClientCertificates = [clientCertificate];
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            certificate is X509Certificate2 server && ChainsTo(server, ca);
        return GrpcChannel.ForAddress($"https://127.0.0.1:{Port}", new GrpcChannelOptions { HttpHandler = handler });
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    public static Task CheckAsync(Health.HealthClient client, CancellationToken cancellationToken) =>
        client.CheckAsync(new HealthCheckRequest(), cancellationToken: cancellationToken).ResponseAsync;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

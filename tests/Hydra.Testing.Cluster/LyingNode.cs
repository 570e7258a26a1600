using System.Net;
using Hydra.CertsDev;
using Hydra.Hosting;
using Hydra.Keystore.Contract.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hydra.Testing.Cluster;

/// <summary>
/// A node that speaks the keystore contract over real grid TLS with a real host certificate, but answers what a test
/// scripts: a broken or hostile node, to show that clients name it instead of failing on its answer. Calls nobody
/// scripted are answered UNIMPLEMENTED.
/// </summary>
public sealed class LyingNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LyingNode(WebApplication app, string id, int port)
    {
        _app = app;
        Node = new ClusterNode(id, $"127.0.0.1:{port}", id);
    }

    /// <summary>The node as a cluster file names it (its identity is its host name in the dev PKI).</summary>
    public ClusterNode Node { get; }

    /// <summary>Starts a node with the dev PKI's host credential of <paramref name="host"/>, answering with <paramref name="answers"/>.</summary>
    public static async Task<LyingNode> StartAsync(DevPki pki, string host, ScriptedAnswers answers)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var credential = pki.Host(host);
        builder.Services.AddGridHost(_ => new GridHostSettings(
            credential.CertificatePath, credential.KeyPath, pki.TrustDirectory, pki.VomsDirectory, [], GridHostSettings.DefaultTrustReloadSeconds));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(answers);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseGridTls()));
        var app = builder.Build();
        app.MapGrpcService<ScriptedAnswers>();
        await app.StartAsync().DefaultTimeout();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return new LyingNode(app, host, port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().DefaultTimeout();
        await _app.DisposeAsync();
    }
}

using Hydra.Grid;
using Hydra.Keystore.Options;
using Hydra.Keystore.Security;
using Hydra.Keystore.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Hydra.Keystore;

/// <summary>
/// A running keystore node: start it, read the port it bound (port 0 picks a free one), stop it. Used by
/// <c>Program</c>, the tests (real three-node clusters on loopback) and the benchmarks.
/// </summary>
public sealed class KeystoreNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KeystoreNode(WebApplication app)
    {
        _app = app;
    }

    /// <summary>The node's options after configuration and validation.</summary>
    public KeystoreOptions Options => _app.Services.GetRequiredService<KeystoreOptions>();

    /// <summary>The TCP port the node listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The address clients use, e.g. <c>127.0.0.1:43127</c>.</summary>
    public string Endpoint => $"{Options.ListenAddress}:{Port}";

    internal IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts a node; fails with every configuration mistake named.</summary>
    public static async Task<KeystoreNode> StartAsync(
        string[] args, Action<KeystoreOptions>? configure, CancellationToken cancellationToken, Action<WebApplicationBuilder>? customize = null)
    {
        var app = KeystoreHost.Build(args, configure, customize);
        var node = new KeystoreNode(app);
        try
        {
            // Open the store and the trust material before listening, so a bad file fails start-up, not a request.
            var store = app.Services.GetRequiredService<KeystoreStore>();
            app.Services.GetRequiredService<TrustMaterial>();
            await app.StartAsync(cancellationToken);
            node.Port = ReadPort(app);
            var logger = app.Services.GetRequiredService<ILogger<KeystoreNode>>();
            if (app.Services.GetRequiredService<NodeRoles>().Creators.Count == 0)
            {
                KeystoreLog.AnyoneMayCreate(logger);
            }

            KeystoreLog.NodeStarted(logger, node.Options.NodeId, node.Endpoint, store.KeyCount, store.AuditHead.Length);
            LogSeal(logger, app.Services.GetRequiredService<NodeSeal>(), node.Options.DataFile);
            return node;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static void LogSeal(ILogger logger, NodeSeal seal, string dataFile)
    {
        KeystoreLog.SealInForce(logger, seal.Description);
        if (seal.Kind == Sealing.SealKind.KeyFile)
        {
            KeystoreLog.SealIsKeyFile(logger);
        }

        if (seal.UnsealedEnvelopes > 0)
        {
            KeystoreLog.EnvelopesNotSealed(logger, seal.UnsealedEnvelopes, NodeSeal.Command(dataFile));
        }
    }

    private static int ReadPort(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var address = addresses.First();
        return new Uri(address).Port;
    }

    /// <summary>Sets the peers that witness this node's audit checkpoints (when their endpoints are known only after start).</summary>
    public void ConfigurePeers(IReadOnlyList<KeystorePeerOptions> peers) =>
        _app.Services.GetRequiredService<Auditing.CheckpointService>().ConfigurePeers(peers);

    /// <summary>Seals the audit trail now and shares the checkpoint with the peers (normally done on a timer).</summary>
    public Task SealAuditTrailAsync(CancellationToken cancellationToken) =>
        _app.Services.GetRequiredService<Auditing.CheckpointService>().SealAndShareAsync(cancellationToken);

    /// <summary>Blocks until the host is asked to stop (Ctrl-C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore;
using Hydra.Keystore.Contract.Channels;
using Hydra.Keystore.Options;
using Microsoft.Extensions.Logging;

namespace Hydra.Benchmarks.Keystore;

/// <summary>Three keystore nodes on loopback with fresh stores, and a dev PKI, for benchmarks.</summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly List<KeystoreNode> _nodes;

    private BenchCluster(DevPki pki, List<KeystoreNode> nodes)
    {
        Pki = pki;
        _nodes = nodes;
    }

    public DevPki Pki { get; }

    public IReadOnlyList<KeystoreNode> Nodes => _nodes;

    /// <summary>Starts the nodes; <paramref name="configure"/> may change node i's options (1-based) last, e.g. its seal.</summary>
    public static async Task<BenchCluster> StartAsync(string folder, Action<int, KeystoreOptions>? configure = null)
    {
        var pki = DevPki.Create(Path.Combine(folder, "pki"));
        var nodes = new List<KeystoreNode>();
        for (var i = 1; i <= 3; i++)
        {
            var host = pki.Host($"node{i}");
            var dataFile = Path.Combine(folder, $"node{i}", "keystore.db");
            nodes.Add(await KeystoreNode.StartAsync(
                [],
                options =>
                {
                    options.NodeId = $"node{i}";
                    options.Port = 0;
                    options.DataFile = dataFile;
                    options.HostCertificate = host.CertificatePath;
                    options.HostKey = host.KeyPath;
                    options.TrustDirectory = pki.TrustDirectory;
                    options.VomsDirectory = pki.VomsDirectory;
                    options.Roles.Creators = ["dn:" + pki.User(DevUser.Clinician).SubjectDn];
                    configure?.Invoke(i, options);
                },
                CancellationToken.None,
                builder => builder.Logging.SetMinimumLevel(LogLevel.Warning)));
        }

        return new BenchCluster(pki, nodes);
    }

    public ClusterConfiguration Configuration => new()
    {
        Threshold = 2,
        Nodes = [.. _nodes.Select(n => new ClusterNode(n.Options.NodeId, n.Endpoint, "127.0.0.1"))],
    };

    public TlsCredential Credential(string user)
    {
        var credential = Pki.User(user);
        return new TlsCredential([credential.Certificate], credential.PrivateKey);
    }

    public HostCertificateValidator Validator() => new(GridTrustStore.Load(Pki.TrustDirectory));

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.StopAsync(CancellationToken.None);
            await node.DisposeAsync();
        }
    }
}

using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore;
using Hydra.Keystore.Contract.Channels;
using Hydra.Keystore.Options;
using Microsoft.Extensions.Logging;
using Grpc.Net.Client;

namespace Hydra.Testing.Cluster;

/// <summary>
/// A real cluster of keystore nodes on 127.0.0.1 (port 0), each with its own LiteDB file (or, where the test gives
/// one, its own PostgreSQL database and a seal key file in its folder), host certificate from the
/// dev PKI, and the PKI's trust and VOMS folders. Roles: creators are the clinician (by DN and by FQAN) and the
/// bridge, the administrator is the admin user, auditors hold the officer FQAN or DN, the bridge is a delegate
/// for readers and for patients.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    private readonly DevPki _pki;
    private readonly TempDirectory _folder = new("hydra-cluster");
    private readonly KeystoreNode?[] _nodes;
    private readonly int[] _ports;
    private readonly Action<KeystoreOptions>? _configure;
    private readonly Func<int, string?>? _databases;
    private readonly List<KeystoreCluster> _clients = [];
    private readonly List<GrpcChannel> _channels = [];

    private TestCluster(DevPki pki, int nodeCount, int threshold, Action<KeystoreOptions>? configure, Func<int, string?>? databases)
    {
        _databases = databases;
        _pki = pki;
        _nodes = new KeystoreNode?[nodeCount];
        _ports = new int[nodeCount];
        _configure = configure;
        Threshold = threshold;
    }

    public int Threshold { get; }

    /// <summary>What the nodes logged at warning level or above, for failure messages.</summary>
    public NodeWarnings Warnings { get; } = new();

    public int NodeCount => _nodes.Length;

    public string Folder => _folder.Path;

    /// <param name="databases">
    /// The PostgreSQL connection string of node i's own database, or null for its LiteDB file (the default for all).
    /// </param>
    public static async Task<TestCluster> StartAsync(
        DevPki pki, int nodeCount = 3, int threshold = 2, Action<KeystoreOptions>? configure = null, Func<int, string?>? databases = null)
    {
        var cluster = new TestCluster(pki, nodeCount, threshold, configure, databases);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, nodeCount).Select(cluster.StartNodeAsync)).DefaultTimeout();
            for (var i = 0; i < nodeCount; i++)
            {
                cluster.Node(i).ConfigurePeers(cluster.PeersOf(i));
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public KeystoreNode Node(int index) => _nodes[index] ?? throw new InvalidOperationException($"node{index + 1} is stopped.");

    public static string NodeId(int index) => $"node{index + 1}";

    public string DataFile(int index) => Path.Combine(_folder.Path, NodeId(index), "keystore.db");

    /// <summary>Node <paramref name="index"/>'s PostgreSQL connection string, or null when it keeps a LiteDB file.</summary>
    public string? Database(int index) => _databases?.Invoke(index);

    /// <summary>The seal key file of node <paramref name="index"/> (beside its data file, or in its folder on PostgreSQL).</summary>
    public string SealKeyFile(int index) => Path.Combine(_folder.Path, NodeId(index), "keystore-seal.key");

    /// <summary>Options every node gets; also used to run a node as a separate process.</summary>
    public void Configure(int index, KeystoreOptions options)
    {
        var host = _pki.Host(NodeId(index));
        options.NodeId = NodeId(index);
        options.ListenAddress = "127.0.0.1";
        options.Port = _ports[index];
        if (Database(index) is { } connectionString)
        {
            options.Database.Backend = nameof(KeystoreBackend.PostgreSql);
            options.Database.ConnectionString = connectionString;
            options.Seal.KeyFile = SealKeyFile(index);
        }
        else
        {
            options.DataFile = DataFile(index);
        }

        options.HostCertificate = host.CertificatePath;
        options.HostKey = host.KeyPath;
        options.TrustDirectory = _pki.TrustDirectory;
        options.VomsDirectory = _pki.VomsDirectory;
        options.Roles.Creators = [
            "dn:" + _pki.User(DevUser.Clinician).SubjectDn,
            "fqan:/hospital/radiology/Role=clinician",
            "dn:" + _pki.Host("bridge").SubjectDn,
        ];
        options.Roles.Administrators = ["dn:" + _pki.User(DevUser.Admin).SubjectDn];
        options.Roles.Auditors = ["dn:" + _pki.User(DevUser.Officer).SubjectDn, "fqan:/hospital/security/Role=officer"];
        options.Roles.Delegates = ["dn:" + _pki.Host("bridge").SubjectDn];
        options.Roles.PatientDelegates = ["dn:" + _pki.Host("bridge").SubjectDn];
        _configure?.Invoke(options);
    }

    /// <summary>The other nodes, as node <paramref name="index"/> knows them (identity: their DNS name).</summary>
    public IReadOnlyList<KeystorePeerOptions> PeersOf(int index) =>
        [.. Enumerable.Range(0, NodeCount).Where(i => i != index && _ports[i] != 0)
            .Select(i => new KeystorePeerOptions { Id = NodeId(i), Endpoint = $"127.0.0.1:{_ports[i]}", Identity = NodeId(i) })];

    public async Task StartNodeAsync(int index)
    {
        var node = await KeystoreNode.StartAsync(
            [],
            options => Configure(index, options),
            CancellationToken.None,
            builder => builder.Logging.SetMinimumLevel(LogLevel.Warning).AddProvider(Warnings.ProviderFor(NodeId(index))));
        _ports[index] = node.Port;
        _nodes[index] = node;
        if (_ports.All(p => p != 0))
        {
            node.ConfigurePeers(PeersOf(index));
        }
    }

    public async Task StopNodeAsync(int index)
    {
        var node = _nodes[index];
        _nodes[index] = null;
        if (node is not null)
        {
            await node.StopAsync(CancellationToken.None).DefaultTimeout();
            await node.DisposeAsync();
        }
    }

    /// <summary>Reserves node <paramref name="index"/>'s port for a node run elsewhere (a child process).</summary>
    public void SetPort(int index, int port) => _ports[index] = port;

    public int Port(int index) => _ports[index];

    public ClusterConfiguration Configuration(int? writeQuorum = null) => new()
    {
        Threshold = Threshold,
        WriteQuorum = writeQuorum,
        Nodes = [.. Enumerable.Range(0, NodeCount).Select(i => new ClusterNode(NodeId(i), $"127.0.0.1:{_ports[i]}", NodeId(i)))],
    };

    /// <summary>A client authenticated with a cast member's end-entity certificate.</summary>
    public KeystoreCluster ConnectAs(string user, int? writeQuorum = null)
    {
        var credential = _pki.User(user);
        return Connect(new TlsCredential([credential.Certificate], credential.PrivateKey), writeQuorum);
    }

    /// <summary>A client authenticated with a host certificate (the bridge).</summary>
    public KeystoreCluster ConnectAsHost(string host)
    {
        var credential = _pki.Host(host);
        return Connect(new TlsCredential([credential.Certificate], credential.PrivateKey), null);
    }

    /// <summary>A client authenticated with any chain (proxies).</summary>
    public KeystoreCluster Connect(
        TlsCredential credential, int? writeQuorum = null, ClusterConfiguration? configuration = null, KeystoreClusterOptions? options = null)
    {
        var client = KeystoreCluster.Connect(
            configuration ?? Configuration(writeQuorum), credential, GridTrustStore.Load(_pki.TrustDirectory), options);
        _clients.Add(client);
        return client;
    }

    /// <summary>
    /// A client that sends <paramref name="bearerToken"/> with every call, presenting <paramref name="credential"/> in
    /// TLS when given (nodes configured with <c>Tokens:AllowWithoutClientCertificate</c> take none).
    /// </summary>
    public KeystoreCluster ConnectWithToken(string bearerToken, TlsCredential? credential = null, int? writeQuorum = null)
    {
        var client = KeystoreCluster.Connect(
            Configuration(writeQuorum), credential, GridTrustStore.Load(_pki.TrustDirectory), bearerToken);
        _clients.Add(client);
        return client;
    }

    /// <summary>
    /// A bare gRPC client of node <paramref name="index"/> as a cast member, for requests the typed client never makes
    /// (malformed input, which the node must refuse by itself).
    /// </summary>
    public Keystore.V1.Keystore.KeystoreClient RawClient(string user, int index = 0)
    {
        var credential = _pki.User(user);
        return RawClient(new TlsCredential([credential.Certificate], credential.PrivateKey), index);
    }

    /// <summary>A bare gRPC client of node <paramref name="index"/> with a host certificate (the bridge), for headers the typed client never sends together.</summary>
    public Keystore.V1.Keystore.KeystoreClient RawClientAsHost(string host, int index = 0)
    {
        var credential = _pki.Host(host);
        return RawClient(new TlsCredential([credential.Certificate], credential.PrivateKey), index);
    }

    private Keystore.V1.Keystore.KeystoreClient RawClient(TlsCredential credential, int index)
    {
        var channel = GridChannel.Create(
            Configuration().Nodes[index],
            credential,
            new HostCertificateValidator(GridTrustStore.Load(_pki.TrustDirectory)),
            GridChannelOptions.Default);
        _channels.Add(channel);
        return new Keystore.V1.Keystore.KeystoreClient(channel);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        for (var i = 0; i < _nodes.Length; i++)
        {
            await StopNodeAsync(i);
        }

        _folder.Dispose();
    }
}

using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Hydra.Benchmarks.Dimse;
using Hydra.Bridge.Options;
using Hydra.CertsDev;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract.Channels;
using Hydra.Keystore.Options;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>
/// A dev PKI, three keystore nodes (2 of 3, write quorum 2) each in its own Hydra.Keystore process as deployed, and a
/// bridge in front of them: first in this process (<see cref="TestBridge"/>, for ingest), and, after
/// <see cref="MoveBridgeToProcessAsync"/>, as its own process on the same data folder.
/// </summary>
public sealed class WebBenchStack : IAsyncDisposable
{
    private readonly TempDirectory _folder;
    private readonly TestCluster _cluster;
    private readonly List<ChildProcess> _nodes;
    private readonly TestBridge _bridge;
    private BridgeProcess? _process;

    private WebBenchStack(TempDirectory folder, DevPki pki, TestCluster cluster, List<ChildProcess> nodes, TestBridge bridge)
    {
        _folder = folder;
        Pki = pki;
        _cluster = cluster;
        _nodes = nodes;
        _bridge = bridge;
    }

    public DevPki Pki { get; }

    /// <summary>The bridge in this process (stopped once it was moved to its own).</summary>
    public TestBridge InProcess => _bridge;

    /// <summary>Images in the bridge's catalog (in-process bridge only).</summary>
    public Task<int> CatalogCountAsync() => _bridge.Node.CatalogCountAsync();

    /// <summary>The in-process bridge's C-STORE port as a storescu target.</summary>
    public StoreBenchTarget DicomTarget => new("bridge", "HYDRA", _bridge.Node.DicomPort, StoreBenchTarget.ThisProcessorTime);

    /// <summary>CPU time of the three node processes together.</summary>
    public TimeSpan NodesProcessorTime() => _nodes.Aggregate(TimeSpan.Zero, (sum, node) => sum + node.ProcessorTime);

    public static async Task<WebBenchStack> StartAsync(Action<DevPki, BridgeOptions>? configure = null)
    {
        // The bridge's and nodes' appsettings.json log at Information (a line per association); keep the output readable.
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        var folder = new TempDirectory("hydra-webbench-pki");
        TestCluster? cluster = null;
        var nodes = new List<ChildProcess>();
        try
        {
            var pki = DevPki.Create(folder.Combine("pki"));
            cluster = await TestCluster.StartAsync(pki);
            for (var i = 0; i < cluster.NodeCount; i++)
            {
                await cluster.StopNodeAsync(i);
                var options = new KeystoreOptions();
                cluster.Configure(i, options);
                nodes.Add(await ChildProcess.StartAsync("Hydra.Keystore.dll", NodeProcessArguments.Of(options), options.Port));
            }

            var bridge = await TestBridge.StartAsync(pki, cluster, configure is null ? null : options => configure(pki, options));
            return new WebBenchStack(folder, pki, cluster, nodes, bridge);
        }
        catch
        {
            nodes.ForEach(node => node.Dispose());
            if (cluster is not null)
            {
                await cluster.DisposeAsync();
            }

            folder.Dispose();
            throw;
        }
    }

    /// <summary>Stops the in-process bridge and starts the built one on its data folder, as its own process.</summary>
    public async Task<BridgeProcess> MoveBridgeToProcessAsync()
    {
        await _bridge.StopAsync();
        var options = new BridgeOptions();
        _bridge.Configure(options);
        _process = await BridgeProcess.StartAsync(options);
        return _process;
    }

    /// <summary>The de-identified studies the bridge holds, with their image counts, as <paramref name="user"/> may list them.</summary>
    public async Task<IReadOnlyDictionary<string, int>> StudiesAsync(string user, CancellationToken cancellationToken)
    {
        var credential = Pki.User(user);
        var images = await _bridge.ConnectReader(new TlsCredential([credential.Certificate], credential.PrivateKey)).ListImagesAsync(null, cancellationToken);
        return images.GroupBy(image => image.StudyInstanceUid).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The SOP instance UIDs of the images <paramref name="user"/> may list (in-process bridge only).</summary>
    public async Task<IReadOnlyList<string>> InstancesAsync(string user, CancellationToken cancellationToken)
    {
        var credential = Pki.User(user);
        var images = await _bridge.ConnectReader(new TlsCredential([credential.Certificate], credential.PrivateKey)).ListImagesAsync(null, cancellationToken);
        return [.. images.Select(image => image.SopInstanceUid)];
    }

    /// <summary>
    /// A client of the bridge's reader endpoint presenting <paramref name="user"/>'s certificate (not a proxy: what a
    /// viewer or Orthanc configured with a client certificate presents), over HTTP/2 or HTTP/1.1 by ALPN. Its TLS is
    /// Hydra's grid TLS (BouncyCastle, as the bridge's own clients use), or with <paramref name="nativeTls"/> .NET's
    /// SslStream on OpenSSL, what curl, browsers and Orthanc's client use: the bridge's server side is grid TLS either way.
    /// </summary>
    public HttpClient ReaderClient(int readerPort, string user, bool http11 = false, bool nativeTls = false)
    {
        var version = http11 ? System.Net.HttpVersion.Version11 : System.Net.HttpVersion.Version20;
        if (nativeTls)
        {
            return new HttpClient(NativeTlsHandler(readerPort, user, http11), disposeHandler: true)
            {
                BaseAddress = new Uri($"https://localhost:{readerPort}/"),
                DefaultRequestVersion = version,
                DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Timeout = TimeSpan.FromMinutes(30),
            };
        }

        var credential = Pki.User(user);
        var node = new ClusterNode("bridge", $"127.0.0.1:{readerPort}", "127.0.0.1");
        var handler = GridHttpHandler.Create(
            node, new TlsCredential([credential.Certificate], credential.PrivateKey), new HostCertificateValidator(GridTrustStore.Load(Pki.TrustDirectory)),
            GridChannelOptions.Default with { ApplicationProtocol = http11 ? "http/1.1" : "h2" });
        return new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri($"http://127.0.0.1:{readerPort}/"),
            DefaultRequestVersion = version,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromMinutes(30),
        };
    }

    private SocketsHttpHandler NativeTlsHandler(int readerPort, string user, bool http11)
    {
        var credential = Pki.User(user);
        var certificate = X509Certificate2.CreateFromPemFile(credential.CertificatePath, credential.KeyPath);
        var ca = X509CertificateLoader.LoadCertificateFromFile(Pki.CaCertificatePath);
        return new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [certificate],
                ApplicationProtocols = [http11 ? SslApplicationProtocol.Http11 : SslApplicationProtocol.Http2],
                RemoteCertificateValidationCallback = (_, presented, _, errors) =>
                {
                    // The bridge's host certificate, checked against the dev CA alone (not the machine's roots).
                    if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0 || presented is null)
                    {
                        return false;
                    }

                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build(new X509Certificate2(presented));
                },
            },

            // "localhost" names the bridge's host certificate; the bridge listens on 127.0.0.1 only.
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(IPAddress.Loopback, readerPort, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }

    public async ValueTask DisposeAsync()
    {
        _process?.Dispose();
        await _bridge.DisposeAsync();
        _nodes.ForEach(node => node.Dispose());
        await _cluster.DisposeAsync();
        _folder.Dispose();
    }
}

using Hydra.Bridge;
using Hydra.Bridge.Options;
using Hydra.CertsDev;
using Hydra.Client.Bridge;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract.Channels;
using Hydra.Testing.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Hydra.Testing.Bridge;

/// <summary>
/// A real bridge on 127.0.0.1 (ports 0) in front of a <see cref="TestCluster"/>, with the dev PKI's bridge host
/// certificate. Images from any sender get the default ACL: the radiology FQAN and the reader's DN may get keys;
/// quarantined originals are for the officer; the clinician is a curator. It can be stopped and started again on the
/// same data folder, as a restart would.
/// </summary>
public sealed class TestBridge : IAsyncDisposable
{
    private readonly DevPki _pki;
    private readonly TestCluster _cluster;
    private readonly Action<BridgeOptions>? _configure;
    private readonly Action<WebApplicationBuilder>? _customize;
    private readonly TempDirectory _folder = new("hydra-bridge");
    private readonly List<IDisposable> _clients = [];
    private BridgeNode? _node;

    private TestBridge(DevPki pki, TestCluster cluster, Action<BridgeOptions>? configure, Action<WebApplicationBuilder>? customize)
    {
        _pki = pki;
        _cluster = cluster;
        _configure = configure;
        _customize = customize;
    }

    public BridgeNode Node => _node ?? throw new InvalidOperationException("The bridge is stopped.");

    public string DataDirectory => _folder.Combine("data");

    public string ClusterFile => _folder.Combine("cluster.json");

    /// <param name="customize">Changes the in-process host's builder, e.g. to register an <c>IPixelCleaner</c>.</param>
    public static async Task<TestBridge> StartAsync(
        DevPki pki, TestCluster cluster, Action<BridgeOptions>? configure = null, Action<WebApplicationBuilder>? customize = null)
    {
        var bridge = new TestBridge(pki, cluster, configure, customize);
        try
        {
            await bridge.StartAgainAsync();
            return bridge;
        }
        catch
        {
            await bridge.DisposeAsync();
            throw;
        }
    }

    /// <summary>Options the bridge gets (also used to run it as a child process).</summary>
    public void Configure(BridgeOptions options)
    {
        var host = _pki.Host("bridge");
        options.AeTitle = "HYDRA";
        options.ListenAddress = "127.0.0.1";
        options.DicomPort = 0;
        options.DicomTlsPort = 0;
        options.ReaderPort = 0;
        options.DataDirectory = DataDirectory;
        options.ClusterFile = ClusterFile;
        options.HostCertificate = host.CertificatePath;
        options.HostKey = host.KeyPath;
        options.TrustDirectory = _pki.TrustDirectory;
        options.VomsDirectory = _pki.VomsDirectory;
        options.DefaultAcl = ["fqan:/hospital/radiology=g", "dn:" + _pki.User(DevUser.Reader).SubjectDn + "=g"];
        options.QuarantineAcl = ["fqan:/hospital/security/Role=officer=g", "dn:" + _pki.User(DevUser.Officer).SubjectDn + "=g"];
        options.Curators = ["dn:" + _pki.User(DevUser.Clinician).SubjectDn];
        options.Ingest.HandoffRetrySeconds = 3600;
        _configure?.Invoke(options);
    }

    /// <summary>
    /// Options for bridges that share one catalog: the PostgreSQL database at <paramref name="connectionString"/>, and
    /// one secret file, so the same original gets the same pseudonymous UIDs at each (each keeps its own data folder).
    /// </summary>
    public static Action<BridgeOptions> OnSharedCatalog(string connectionString, string secretFile, Action<BridgeOptions>? more = null) => options =>
    {
        options.Database.Backend = BridgeDatabaseOptions.PostgreSql;
        options.Database.ConnectionString = connectionString;
        options.SecretFile = secretFile;
        more?.Invoke(options);
    };

    /// <summary>Starts the bridge (again) on its data folder; the cluster file is rewritten with the nodes' current ports.</summary>
    public async Task StartAgainAsync()
    {
        _cluster.Configuration(writeQuorum: 2).Save(ClusterFile);
        _node = await BridgeNode.StartAsync([], Configure, CancellationToken.None, builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                _customize?.Invoke(builder);
            }).DefaultTimeout();
    }

    /// <summary>
    /// Runs the bridge as its own process (the built Hydra.Bridge.dll) on this data folder, so a test can SIGKILL it;
    /// returns it with its DICOM port. With <paramref name="umask"/> (octal) it runs under that umask.
    /// </summary>
    public async Task<(ChildProcess Process, int DicomPort)> StartChildAsync(string? umask = null)
    {
        _cluster.Configuration(writeQuorum: 2).Save(ClusterFile);
        var options = new BridgeOptions();
        Configure(options);
        options.DicomPort = FreePort.Next();
        options.DicomTlsPort = FreePort.Next();
        options.ReaderPort = FreePort.Next();
        var process = await ChildProcess.StartAsync("Hydra.Bridge.dll", CommandLine(options), options.DicomPort, umask);
        return (process, options.DicomPort);
    }

    /// <summary>The settings a bridge process needs to run as <paramref name="options"/> say (as <c>--Key=Value</c> pairs).</summary>
    public static IEnumerable<(string Key, string Value)> CommandLine(BridgeOptions options)
    {
        static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        yield return ("Bridge:AeTitle", options.AeTitle);
        yield return ("Bridge:ListenAddress", options.ListenAddress);
        yield return ("Bridge:DicomPort", Text(options.DicomPort));
        yield return ("Bridge:DicomTlsPort", Text(options.DicomTlsPort));
        yield return ("Bridge:ReaderPort", Text(options.ReaderPort));
        yield return ("Bridge:DataDirectory", options.DataDirectory);
        yield return ("Bridge:ClusterFile", options.ClusterFile);
        yield return ("Bridge:HostCertificate", options.HostCertificate);
        yield return ("Bridge:HostKey", options.HostKey);
        yield return ("Bridge:TrustDirectory", options.TrustDirectory);
        yield return ("Bridge:VomsDirectory", options.VomsDirectory);
        foreach (var (name, list) in new[] { ("DefaultAcl", options.DefaultAcl), ("QuarantineAcl", options.QuarantineAcl), ("Curators", options.Curators) })
        {
            for (var i = 0; i < list.Count; i++)
            {
                yield return ($"Bridge:{name}:{Text(i)}", list[i]);
            }
        }

        yield return ("Bridge:Ingest:HandoffRetrySeconds", options.Ingest.HandoffRetrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("Bridge:DicomWeb:MaxConcurrentRequests", Text(options.DicomWeb.MaxConcurrentRequests));
        yield return ("Bridge:PixelCleaning:Enabled", options.PixelCleaning.Enabled ? "true" : "false");
        if (options.SecretFile.Length > 0)
        {
            yield return ("Bridge:SecretFile", options.SecretFile);
        }

        yield return ("Bridge:Database:Backend", options.Database.Backend);
        if (options.Database.Backend == BridgeDatabaseOptions.PostgreSql)
        {
            yield return ("Bridge:Database:ConnectionString", options.Database.ConnectionString);
            yield return ("Bridge:Database:CommandTimeoutSeconds", Text(options.Database.CommandTimeoutSeconds));
        }
        yield return ("Logging:LogLevel:Default", "Warning");
    }

    public async Task StopAsync()
    {
        var node = _node;
        _node = null;
        if (node is not null)
        {
            await node.StopAsync(CancellationToken.None).DefaultTimeout();
            await node.DisposeAsync();
        }
    }

    /// <summary>The cluster as a grid client sees it, with the bridge's reader endpoint.</summary>
    public ClusterConfiguration ClientConfiguration() =>
        _cluster.Configuration() with { Bridge = new ClusterNode("bridge", $"127.0.0.1:{Node.ReaderPort}", "127.0.0.1") };

    /// <summary>A grid client of the bridge with <paramref name="credential"/>.</summary>
    public BridgeClient ConnectReader(TlsCredential credential)
    {
        var client = BridgeClient.Connect(ClientConfiguration().Bridge!, credential, GridTrustStore.Load(_pki.TrustDirectory));
        _clients.Add(client);
        return client;
    }

    /// <summary>
    /// A client of the bridge's reader endpoint as the holder of <paramref name="bearerToken"/>, presenting
    /// <paramref name="credential"/> in TLS when given (a bridge configured with
    /// <c>Bridge:Tokens:AllowWithoutClientCertificate</c> takes none).
    /// </summary>
    public BridgeClient ConnectReader(string bearerToken, TlsCredential? credential = null)
    {
        var client = BridgeClient.Connect(ClientConfiguration().Bridge!, credential, GridTrustStore.Load(_pki.TrustDirectory), bearerToken);
        _clients.Add(client);
        return client;
    }

    /// <summary>The reader endpoint's base address for other HTTPS clients (curl): its host certificate names 127.0.0.1.</summary>
    public Uri ReaderAddress => new($"https://127.0.0.1:{Node.ReaderPort}/");

    /// <summary>Sends files with dcmtk's storescu to the bridge's ingest port (verbose: each response's status is printed).</summary>
    public Task<ProcessResult> StorescuAsync(IEnumerable<string> files, string callingAeTitle = "HOSPITAL", bool verbose = false) =>
        Dcmtk.RunAsync("storescu", [
            .. verbose ? ["-v"] : Array.Empty<string>(), "-aet", callingAeTitle, "-aec", "HYDRA",
            "127.0.0.1", Node.DicomPort.ToString(System.Globalization.CultureInfo.InvariantCulture), .. files]);

    /// <summary>Every file the bridge keeps on disk (objects, catalog, secret), for leak searches.</summary>
    public IEnumerable<string> StoredFiles() => Directory.EnumerateFiles(DataDirectory, "*", SearchOption.AllDirectories);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await StopAsync();
        _folder.Dispose();
    }
}

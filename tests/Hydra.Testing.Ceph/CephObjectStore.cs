using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Hydra.Testing.Ceph;

/// <summary>
/// A private one-node Ceph 16 cluster in a temporary folder as an S3 store: one monitor, one OSD on memstore, one RADOS
/// gateway on a free 127.0.0.1 port, auth none, messenger v2 on loopback only, pool size 1, and an S3 user with keys
/// generated per cluster. The gateway can be killed and started again (the monitor and OSD keep the data), and quotas
/// set to make the store full. Every process is killed on dispose. Start one per test class or collection: it takes
/// about 2-3 s.
/// </summary>
public sealed class CephObjectStore : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const string UserId = "hydra-tests";

    private readonly TempDirectory _folder = new("hydra-ceph");
    private readonly List<CephDaemon> _daemons = [];
    private readonly List<AmazonS3Client> _clients = [];
    private CephDaemon? _gateway;
    private int _buckets;

    private CephObjectStore()
    {
        AccessKey = "HYDRA" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        SecretKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        GatewayPort = FreePort.Next();
    }

    /// <summary>The gateway's address, <c>http://127.0.0.1:PORT</c>.</summary>
    public Uri Endpoint => new($"http://127.0.0.1:{GatewayPort.ToString(CultureInfo.InvariantCulture)}");

    public int GatewayPort { get; }

    /// <summary>The S3 user's access key id.</summary>
    public string AccessKey { get; }

    /// <summary>The S3 user's secret key (generated for this cluster; never logged).</summary>
    public string SecretKey { get; }

    /// <summary>The cluster's folder: ceph.conf, the daemons' data, and logs under <c>log/</c>.</summary>
    public string Folder => _folder.Path;

    private string ConfigFile => _folder.Combine("ceph.conf");

    /// <summary>Starts the cluster and creates the S3 user once the gateway listens.</summary>
    public static async Task<CephObjectStore> StartAsync(CancellationToken cancellationToken = default)
    {
        var store = new CephObjectStore();
        try
        {
            await store.StartClusterAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>An S3 client of the gateway as the test user, with the settings Ceph 16 needs; disposed with the store.</summary>
    public AmazonS3Client CreateClient()
    {
        var client = new AmazonS3Client(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
        {
            ServiceURL = Endpoint.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            // Ceph 16 rejects the SDK's default trailing checksums (400 XAmzContentSHA256Mismatch).
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(30),
        });
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>Creates a new empty bucket and returns its name.</summary>
    public async Task<string> CreateBucketAsync(CancellationToken cancellationToken = default)
    {
        var name = $"hydra-{Interlocked.Increment(ref _buckets).ToString(CultureInfo.InvariantCulture)}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant()}";
        await CreateClient().PutBucketAsync(new PutBucketRequest { BucketName = name }, cancellationToken).ConfigureAwait(false);
        return name;
    }

    /// <summary>Every key in <paramref name="bucket"/> (an empty listing is a null list in this SDK).</summary>
    public async Task<IReadOnlyList<S3Object>> ListAsync(string bucket, CancellationToken cancellationToken = default)
    {
        var client = CreateClient();
        var objects = new List<S3Object>();
        var request = new ListObjectsV2Request { BucketName = bucket };
        ListObjectsV2Response response;
        do
        {
            response = await client.ListObjectsV2Async(request, cancellationToken).ConfigureAwait(false);
            objects.AddRange(response.S3Objects ?? []);
            request.ContinuationToken = response.NextContinuationToken;
        }
        while (response.IsTruncated == true);
        return objects;
    }

    /// <summary>Kills the gateway (SIGKILL, as a crash) and waits until it is gone; the monitor and OSD keep running.</summary>
    public async Task KillGatewayAsync()
    {
        var gateway = _gateway;
        _gateway = null;
        if (gateway is not null)
        {
            await gateway.KillAsync().ConfigureAwait(false);
            _daemons.Remove(gateway);
            gateway.Dispose();
        }
    }

    /// <summary>Starts the gateway (again) on the same port and waits until it answers.</summary>
    public async Task StartGatewayAsync(CancellationToken cancellationToken = default)
    {
        if (_gateway is not null)
        {
            throw new InvalidOperationException("The gateway already runs.");
        }

        var gateway = Daemon("radosgw", ["-c", ConfigFile, "-n", "client.rgw", "-f"], "rgw.out");
        _gateway = gateway;
        await gateway.WaitUntilListeningAsync(GatewayPort, StartTimeout, () => "radosgw " + Logs("rgw.out", "client.rgw.log"))
            .WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sets and enables the quota of <paramref name="bucket"/> (<c>radosgw-admin quota set</c>); the gateway checks it
    /// on every write (its quota caches are off here), refusing with 403 QuotaExceeded.
    /// </summary>
    public Task SetBucketQuotaAsync(string bucket, long maxObjects, long maxSizeBytes = -1, CancellationToken cancellationToken = default) =>
        QuotaAsync(["--quota-scope=bucket", "--bucket=" + bucket], maxObjects, maxSizeBytes, cancellationToken);

    /// <summary>Sets and enables the S3 user's quota over all its buckets.</summary>
    public Task SetUserQuotaAsync(long maxObjects, long maxSizeBytes = -1, CancellationToken cancellationToken = default) =>
        QuotaAsync(["--quota-scope=user"], maxObjects, maxSizeBytes, cancellationToken);

    private async Task QuotaAsync(string[] scope, long maxObjects, long maxSizeBytes, CancellationToken cancellationToken)
    {
        await AdminAsync(["quota", "set", "--uid=" + UserId, .. scope,
            "--max-objects=" + maxObjects.ToString(CultureInfo.InvariantCulture), "--max-size=" + maxSizeBytes.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false);
        await AdminAsync(["quota", "enable", "--uid=" + UserId, .. scope], cancellationToken).ConfigureAwait(false);
    }

    private async Task StartClusterAsync(CancellationToken cancellationToken)
    {
        foreach (var program in Packages.Keys)
        {
            Require(program);
        }

        foreach (var folder in new[] { "mon", "osd", "run", "log", "rgw" })
        {
            Directory.CreateDirectory(_folder.Combine(folder));
        }

        var monitorPort = FreePort.Next();
        var fsid = Guid.NewGuid().ToString();
        await File.WriteAllTextAsync(ConfigFile, CephConfig.Text(_folder.Path, fsid, monitorPort, GatewayPort), cancellationToken).ConfigureAwait(false);

        await RunAsync("monmaptool", ["--create", "--fsid", fsid, "--addv", "a", $"[v2:127.0.0.1:{monitorPort}]", _folder.Combine("monmap")], cancellationToken).ConfigureAwait(false);
        await RunAsync("ceph-mon", ["-c", ConfigFile, "-i", "a", "--mkfs", "--monmap", _folder.Combine("monmap")], cancellationToken).ConfigureAwait(false);
        var monitor = Daemon("ceph-mon", ["-c", ConfigFile, "-i", "a", "-f"], "mon.out");
        await monitor.WaitUntilListeningAsync(monitorPort, StartTimeout, () => "ceph-mon " + Logs("mon.out", "mon.a.log")).WaitAsync(cancellationToken).ConfigureAwait(false);

        var osdUuid = Guid.NewGuid().ToString();
        await RunAsync("ceph", ["-c", ConfigFile, "--connect-timeout", "20", "osd", "new", osdUuid], cancellationToken).ConfigureAwait(false);
        await RunAsync("ceph-osd", ["-c", ConfigFile, "-i", "0", "--mkfs", "--osd-uuid", osdUuid], cancellationToken).ConfigureAwait(false);
        Daemon("ceph-osd", ["-c", ConfigFile, "-i", "0", "-f"], "osd.out");

        // The gateway creates its pools itself once the OSD is up; it listens only when they exist.
        await StartGatewayAsync(cancellationToken).ConfigureAwait(false);
        await AdminAsync(["user", "create", "--uid=" + UserId, "--display-name=Hydra tests", "--access-key=" + AccessKey, "--secret-key=" + SecretKey], cancellationToken)
            .ConfigureAwait(false);
    }

    private CephDaemon Daemon(string program, string[] arguments, string outputName)
    {
        var daemon = CephDaemon.Start(Require(program), arguments, _folder.Combine("log", outputName));
        _daemons.Add(daemon);
        return daemon;
    }

    private Task AdminAsync(string[] arguments, CancellationToken cancellationToken) =>
        RunAsync("radosgw-admin", ["-c", ConfigFile, "-n", "client.admin", .. arguments], cancellationToken);

    private async Task RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var result = await ProcessRunner.RunAsync(Require(program), arguments, timeout: StartTimeout)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{program} {string.Join(' ', arguments.Where(a => !a.StartsWith("--secret-key=", StringComparison.Ordinal)))}' failed with {result.ExitCode} after {started.ElapsedMilliseconds} ms: {result.StandardError}\n{Logs("mon.out", "mon.a.log", "osd.out", "osd.0.log", "rgw.out", "client.rgw.log")}");
        }
    }

    private static readonly Dictionary<string, string> Packages = new(StringComparer.Ordinal)
    {
        ["monmaptool"] = "ceph-base",
        ["ceph-mon"] = "ceph-mon",
        ["ceph-osd"] = "ceph-osd",
        ["radosgw"] = "radosgw",
        ["ceph"] = "ceph-common",
        ["radosgw-admin"] = "ceph-common",
    };

    private static string Require(string program) => Peers.Require(program, Packages[program]);

    private string Logs(params string[] names) =>
        string.Join('\n', names.Select(name => CephProcesses.Tail(_folder.Combine("log", name))));

    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }

            _clients.Clear();
        }

        // The gateway first, then the OSD, then the monitor: each still finds what it talks to while it dies.
        for (var i = _daemons.Count - 1; i >= 0; i--)
        {
            await _daemons[i].KillAsync().ConfigureAwait(false);
            _daemons[i].Dispose();
        }

        _daemons.Clear();
        _gateway = null;
        _folder.Dispose();
    }
}

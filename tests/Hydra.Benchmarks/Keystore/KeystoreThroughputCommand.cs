using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Health.V1;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Channels;
using Hydra.Testing;

namespace Hydra.Benchmarks.Keystore;

/// <summary>
/// <c>keystore-throughput [seconds] [concurrency,...]</c>: key registrations and fetches per second (p50/p99) on a
/// three-node 2-of-3 cluster on this machine, single and batched, against bare mutual-TLS gRPC calls (the health
/// check) measured in the same run: over .NET's SslStream, over the grid TLS transport, and fanned out to 3 nodes.
/// </summary>
public static class KeystoreThroughputCommand
{
    private const int BatchSize = 1000;

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        int[] concurrencies = args.Length > 1 ? [.. args[1].Split(',').Select(int.Parse)] : [1, 8, 64];
        var duration = TimeSpan.FromSeconds(seconds);
        var warmup = TimeSpan.FromSeconds(Math.Min(2, seconds / 2));

        using var folder = new TempDirectory("hydra-bench");
        await using var cluster = await BenchCluster.StartAsync(folder.Path);
        using var client = KeystoreCluster.Connect(cluster.Configuration, cluster.Credential(DevUser.Clinician),
            Hydra.Grid.GridTrustStore.Load(cluster.Pki.TrustDirectory));
        var validator = cluster.Validator();
        var credential = cluster.Credential(DevUser.Clinician);
        var gridChannels = cluster.Configuration.Nodes
            .Select(n => GridChannel.Create(n, credential, validator, GridChannelOptions.Default)).ToArray();
        var gridHealth = gridChannels.Select(c => new Health.HealthClient(c)).ToArray();

        var host = cluster.Pki.Host("node1");
        var user = cluster.Pki.User(DevUser.Clinician);
        await using var sslServer = await SslStreamEchoServer.StartAsync(host.CertificatePath, host.KeyPath, cluster.Pki.CaCertificatePath);
        using var clientCertificate = X509Certificate2.CreateFromPemFile(user.CertificatePath, user.KeyPath);
        using var ca = X509CertificateLoader.LoadCertificateFromFile(cluster.Pki.CaCertificatePath);
        using var sslChannel = sslServer.CreateChannel(clientCertificate, ca);
        var sslHealth = new Health.HealthClient(sslChannel);

        var proxy = cluster.Pki.CreateProxy(new ProxyRequest { User = DevUser.Clinician, Lifetime = TimeSpan.FromHours(2) });
        using var proxyClient = KeystoreCluster.Connect(cluster.Configuration, new Hydra.Grid.Tls.TlsCredential(proxy.Chain, proxy.PrivateKey),
            Hydra.Grid.GridTrustStore.Load(cluster.Pki.TrustDirectory));
        var pool = await RegisterPoolAsync(client, 4 * BatchSize);
        var results = new List<(LoadResult Result, LoadResult? Floor)>();
        foreach (var concurrency in concurrencies)
        {
            var ssl = await LoadRunner.RunAsync("echo, SslStream mTLS, 1 node", concurrency, 1, warmup, duration,
                (_, ct) => SslStreamEchoServer.CheckAsync(sslHealth, ct));
            var grid = await LoadRunner.RunAsync("echo, grid TLS, 1 node", concurrency, 1, warmup, duration,
                (_, ct) => SslStreamEchoServer.CheckAsync(gridHealth[0], ct));
            var fanout = await LoadRunner.RunAsync("echo, grid TLS, 3 nodes in parallel", concurrency, 1, warmup, duration,
                (_, ct) => Task.WhenAll(gridHealth.Select(h => SslStreamEchoServer.CheckAsync(h, ct))));
            var register = await LoadRunner.RunAsync("register key (2-of-3, durable on all 3)", concurrency, 1, warmup, duration,
                (_, ct) => client.RegisterKeyAsync(KeyId.New(), RandomNumberGenerator.GetBytes(32), [], ct));
            var get = await LoadRunner.RunAsync("get key (rebuild from 2 of 3, audited)", concurrency, 1, warmup, duration,
                async (i, ct) => { using var key = await client.GetKeyAsync(pool[i % pool.Count], ct); });
            var getWithProxy = await LoadRunner.RunAsync("get key with a proxy + VOMS AC (ratio: to end-entity)", concurrency, 1, warmup, duration,
                async (i, ct) => { using var key = await proxyClient.GetKeyAsync(pool[i % pool.Count], ct); });
            results.AddRange([(ssl, null), (grid, ssl), (fanout, grid), (register, fanout), (get, fanout), (getWithProxy, get)]);
        }

        foreach (var concurrency in concurrencies.Where(c => c <= 8))
        {
            var registerBatch = await LoadRunner.RunAsync($"register {BatchSize} keys per call", concurrency, BatchSize, warmup, duration,
                (_, ct) => client.RegisterKeysAsync(NewKeys(BatchSize), ct));
            var getBatch = await LoadRunner.RunAsync($"get {BatchSize} keys per call", concurrency, BatchSize, warmup, duration,
                async (i, ct) =>
                {
                    var start = i % 4 * BatchSize;
                    foreach (var result in await client.GetKeysAsync([.. pool.Skip(start).Take(BatchSize)], ct))
                    {
                        result.Key?.Dispose();
                    }
                });
            results.AddRange([(registerBatch, null), (getBatch, null)]);
        }

        Print(results, seconds);
        foreach (var channel in gridChannels)
        {
            channel.Dispose();
        }

        return 0;
    }

    private static List<KeyRegistration> NewKeys(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new KeyRegistration(KeyId.New(), RandomNumberGenerator.GetBytes(32), []))];

    private static async Task<List<KeyId>> RegisterPoolAsync(KeystoreCluster client, int count)
    {
        var keys = NewKeys(count);
        await client.RegisterKeysAsync(keys, CancellationToken.None);
        return [.. keys.Select(k => k.KeyId)];
    }

    private static void Print(List<(LoadResult Result, LoadResult? Floor)> results, double seconds)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"keystore-throughput: {seconds:F0} s per cell, {Environment.ProcessorCount} cores, client and 3 nodes in one process"));
        Console.WriteLine("| operation | concurrency | calls/s | keys/s | p50 ms | p99 ms | ratio to floor |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (result, floor) in results)
        {
            Console.WriteLine(result.Row(floor));
        }

        Console.WriteLine("Ratios: grid TLS echo / SslStream echo; 3-node echo / 1-node echo; keystore operations / 3-node echo;"
            + " proxy fetch / end-entity fetch.");
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Options;
using Hydra.Keystore.Sealing;
using Hydra.Testing;
using Hydra.Testing.Cluster.Hsm;

namespace Hydra.Benchmarks.Keystore;

/// <summary>
/// <c>keystore-seal [seconds] [concurrency,...]</c>: registrations and fetches per second on two three-node clusters
/// running side by side in one process, one whose nodes' storage seal is the default key file and one whose seal keys
/// are AES keys on SoftHSM2 tokens (a token per node), measured cell by cell in alternation; plus what opening each
/// seal costs a node at start.
/// </summary>
public static class SealThroughputCommand
{
    private const int BatchSize = 1000;
    private const int OpenRounds = 21;

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        int[] concurrencies = args.Length > 1 ? [.. args[1].Split(',').Select(int.Parse)] : [1, 8, 64];
        var duration = TimeSpan.FromSeconds(seconds);
        var warmup = TimeSpan.FromSeconds(Math.Min(2, seconds / 2));

        using var folder = new TempDirectory("hydra-bench-seal");
        var tokens = Enumerable.Range(0, 3).Select(_ => SoftHsmToken.Create(folder.Combine("pins"))).ToArray();
        await using var keyFile = await BenchCluster.StartAsync(folder.Combine("key-file"));
        await using var hsm = await BenchCluster.StartAsync(folder.Combine("pkcs11"), (i, options) => options.Seal = tokens[i - 1].Seal());
        var keyFileOpen = MedianOpenMilliseconds(new SealSettings().ForDataFile(folder.Combine("open", "keystore.db")));
        var hsmOpen = MedianOpenMilliseconds(tokens[0].Seal().ForDataFile(folder.Combine("open", "keystore.db")));

        var seals = new (string Name, BenchCluster Cluster)[] { ("key file", keyFile), ("PKCS#11 (SoftHSM2)", hsm) };
        var clients = seals.Select(s => KeystoreCluster.Connect(
            s.Cluster.Configuration, s.Cluster.Credential(DevUser.Clinician), Hydra.Grid.GridTrustStore.Load(s.Cluster.Pki.TrustDirectory))).ToArray();
        var pools = new List<List<KeyId>>();
        foreach (var client in clients)
        {
            pools.Add(await RegisterPoolAsync(client, BatchSize));
        }

        var results = new List<(LoadResult Result, LoadResult? Floor)>();
        foreach (var concurrency in concurrencies)
        {
            results.AddRange(await PairAsync(seals, s => $"register key, seal: {s}", concurrency, 1, warmup, duration,
                (c, _, ct) => clients[c].RegisterKeyAsync(KeyId.New(), RandomNumberGenerator.GetBytes(32), [], ct)));
            results.AddRange(await PairAsync(seals, s => $"get key, seal: {s}", concurrency, 1, warmup, duration,
                async (c, i, ct) => { using var key = await clients[c].GetKeyAsync(pools[c][i % pools[c].Count], ct); }));
        }

        results.AddRange(await PairAsync(seals, s => $"register {BatchSize} keys per call, seal: {s}", 1, BatchSize, warmup, duration,
            (c, _, ct) => clients[c].RegisterKeysAsync(NewKeys(BatchSize), ct)));
        results.AddRange(await PairAsync(seals, s => $"get {BatchSize} keys per call, seal: {s}", 1, BatchSize, warmup, duration,
            async (c, _, ct) =>
            {
                foreach (var result in await clients[c].GetKeysAsync(pools[c], ct))
                {
                    result.Key?.Dispose();
                }
            }));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"keystore-seal: {seconds:F0} s per cell, {Environment.ProcessorCount} cores, two 3-node clusters and their clients in one process"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seal opened at a node's start (read the key file, or load the module, log in, find the key; unwrap; check), median of {OpenRounds}: "
            + $"key file {keyFileOpen:F2} ms, PKCS#11 {hsmOpen:F2} ms"));
        Console.WriteLine("| operation | concurrency | calls/s | keys/s | p50 ms | p99 ms | ratio to key file |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (result, floor) in results)
        {
            Console.WriteLine(result.Row(floor));
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }

        return 0;
    }

    /// <summary>The same cell on the key-file cluster, then on the PKCS#11 one (its ratio is to the first).</summary>
    private static async Task<(LoadResult, LoadResult?)[]> PairAsync(
        (string Name, BenchCluster Cluster)[] seals, Func<string, string> name, int concurrency, int items, TimeSpan warmup, TimeSpan duration,
        Func<int, int, CancellationToken, Task> operation)
    {
        var first = await LoadRunner.RunAsync(name(seals[0].Name), concurrency, items, warmup, duration, (i, ct) => operation(0, i, ct));
        var second = await LoadRunner.RunAsync(name(seals[1].Name), concurrency, items, warmup, duration, (i, ct) => operation(1, i, ct));
        return [(first, null), (second, first)];
    }

    /// <summary>What a node's start spends on its seal: open the seal key and unwrap and check a stored data key.</summary>
    private static double MedianOpenMilliseconds(SealSettings settings)
    {
        WrappedDataKey stored;
        using (var key = SealKeys.Open(settings, CancellationToken.None))
        {
            var (cipher, wrapped) = DataKeys.Create(key);
            cipher.Dispose();
            stored = wrapped;
        }

        var times = new double[OpenRounds];
        for (var i = 0; i < times.Length; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using (var key = SealKeys.Open(settings, CancellationToken.None))
            using (DataKeys.Open(key, stored))
            {
            }

            // Closing counts too: a node logs out and finalises the module once its data key is unwrapped.
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        return times.Order().ElementAt(OpenRounds / 2);
    }

    private static List<KeyRegistration> NewKeys(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new KeyRegistration(KeyId.New(), RandomNumberGenerator.GetBytes(32), []))];

    private static async Task<List<KeyId>> RegisterPoolAsync(KeystoreCluster client, int count)
    {
        var keys = NewKeys(count);
        await client.RegisterKeysAsync(keys, CancellationToken.None);
        return [.. keys.Select(k => k.KeyId)];
    }
}

using System.Diagnostics;
using System.Globalization;
using Hydra.Cluster;
using Hydra.Keystore.Contract;

namespace Hydra.Benchmarks.Keystore;

/// <summary>
/// The variants' fetches interleaved call by call: each loop takes the variants in turn, so every variant meets the
/// same machine from one millisecond to the next. On a machine shared with other work, where cells seconds apart differ
/// by tens of percent, this pairs the measurements far more tightly than round-robin cells can.
/// </summary>
internal static class InterleavedFetch
{
    public static async Task RunAsync(
        (string Name, KeystoreCluster Client)[] variants, IReadOnlyList<KeyId> pool, int concurrency, TimeSpan warmup, TimeSpan duration)
    {
        await LoopAsync(variants, pool, concurrency, warmup, record: null);
        var latencies = variants.Select(_ => new List<double>[concurrency]).ToArray();
        foreach (var perVariant in latencies)
        {
            for (var w = 0; w < concurrency; w++)
            {
                perVariant[w] = new List<double>(4096);
            }
        }

        await LoopAsync(variants, pool, concurrency, duration, latencies);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Interleaved, concurrency {concurrency}, {duration.TotalSeconds:F0} s: each loop fetches with the variants in turn."));
        Console.WriteLine("| operation | concurrency | fetches | mean ms | p50 ms | p99 ms | mean / end-entity mean |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        var baseline = latencies[0].SelectMany(l => l).Average();
        for (var v = 0; v < variants.Length; v++)
        {
            var all = latencies[v].SelectMany(l => l).Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| get key, {variants[v].Name} | {concurrency} | {all.Length:N0} | {all.Average():F2} | {all[all.Length / 2]:F2} | "
                + $"{all[Math.Min(all.Length - 1, (int)(0.99 * all.Length))]:F2} | {all.Average() / baseline:F3} |"));
        }
    }

    private static async Task LoopAsync(
        (string Name, KeystoreCluster Client)[] variants, IReadOnlyList<KeyId> pool, int concurrency, TimeSpan duration, List<double>[][]? record)
    {
        using var stop = new CancellationTokenSource(duration);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
        {
            // Each loop starts at another variant, so at any moment the loops are spread over all of them.
            for (var i = worker; !stop.IsCancellationRequested; i++)
            {
                var v = i % variants.Length;
                var start = Stopwatch.GetTimestamp();
                using (await variants[v].Client.GetKeyAsync(pool[(i * 7919) % pool.Count], CancellationToken.None))
                {
                }

                record?[v][worker].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        }));
    }
}

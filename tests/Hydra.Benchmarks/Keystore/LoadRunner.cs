using System.Diagnostics;

namespace Hydra.Benchmarks.Keystore;

/// <summary>Runs an operation from N concurrent loops for a fixed time, after a warm-up, recording each latency.</summary>
public static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(
        string name, int concurrency, int itemsPerOperation, TimeSpan warmup, TimeSpan duration, Func<int, CancellationToken, Task> operation)
    {
        await RunLoopsAsync(concurrency, warmup, operation, record: null);
        var latencies = new List<double>[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            latencies[i] = new List<double>(4096);
        }

        var watch = Stopwatch.StartNew();
        await RunLoopsAsync(concurrency, duration, operation, latencies);
        watch.Stop();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new LoadResult(name, concurrency, all.Length, (long)all.Length * itemsPerOperation, watch.Elapsed,
            Percentile(all, 0.50), Percentile(all, 0.99));
    }

    private static async Task RunLoopsAsync(int concurrency, TimeSpan duration, Func<int, CancellationToken, Task> operation, List<double>[]? record)
    {
        using var stop = new CancellationTokenSource(duration);
        var loops = Enumerable.Range(0, concurrency).Select(async worker =>
        {
            var counter = 0;
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                await operation(worker * 1_000_000 + counter++, CancellationToken.None);
                record?[worker].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        });
        await Task.WhenAll(loops);
    }

    private static double Percentile(double[] sorted, double percentile) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(percentile * sorted.Length))];
}

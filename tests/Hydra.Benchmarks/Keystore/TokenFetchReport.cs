using System.Globalization;

namespace Hydra.Benchmarks.Keystore;

/// <summary>What <see cref="TokenFetchCommand"/> prints: every cell, then medians over the rounds per variant.</summary>
internal static class TokenFetchReport
{
    public static void Print(List<(int Round, int Variant, LoadResult Result)> cells, string[] variants, int[] concurrencies, double seconds, int rounds)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"keystore-token-fetch: {seconds:F0} s per cell, {rounds} rounds, {Environment.ProcessorCount} cores, client, 3 nodes and the OpenID provider on one machine"));
        Console.WriteLine("| round | operation | concurrency | calls/s | p50 ms | p99 ms | ratio to end-entity (same round) |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (round, _, result) in cells.OrderBy(c => c.Round).ThenBy(c => c.Result.Concurrency).ThenBy(c => c.Variant))
        {
            var baseline = Baseline(cells, round, result.Concurrency);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {round + 1} | {result.Name} | {result.Concurrency} | {result.OperationsPerSecond:N0} | {result.P50Milliseconds:F2} | {result.P99Milliseconds:F2} | {Cost(baseline, result):F2} |"));
        }

        Console.WriteLine();
        Console.WriteLine("| operation | concurrency | median calls/s | median p50 ms | cost per fetch / end-entity (median of rounds) |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var concurrency in concurrencies)
        {
            for (var v = 0; v < variants.Length; v++)
            {
                var mine = cells.Where(c => c.Variant == v && c.Result.Concurrency == concurrency).ToList();
                var ratio = BenchStatistics.Median(mine.Select(c => Cost(Baseline(cells, c.Round, concurrency), c.Result)));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| get key, {variants[v]} | {concurrency} | {BenchStatistics.Median(mine.Select(c => c.Result.OperationsPerSecond)):N0} | "
                    + $"{BenchStatistics.Median(mine.Select(c => c.Result.P50Milliseconds)):F2} | {ratio:F2} |"));
            }
        }

        Console.WriteLine("Cost ratio: end-entity calls/s divided by the variant's calls/s in the same round and concurrency "
            + "(1.10 = a fetch costs 10% more than with the end-entity certificate).");
    }

    private static LoadResult Baseline(List<(int Round, int Variant, LoadResult Result)> cells, int round, int concurrency) =>
        cells.Single(c => c.Round == round && c.Variant == 0 && c.Result.Concurrency == concurrency).Result;

    /// <summary>Cost per fetch relative to the baseline: the inverse of the throughput ratio.</summary>
    private static double Cost(LoadResult baseline, LoadResult result) => baseline.OperationsPerSecond / result.OperationsPerSecond;
}

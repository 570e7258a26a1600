using System.Globalization;

namespace Hydra.Benchmarks.Keystore;

/// <summary>Throughput and latency of one measured cell.</summary>
public sealed record LoadResult(string Name, int Concurrency, long Operations, long Items, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds)
{
    public double OperationsPerSecond => Operations / Elapsed.TotalSeconds;

    /// <summary>Keys per second, for batched operations (equal to operations per second otherwise).</summary>
    public double ItemsPerSecond => Items / Elapsed.TotalSeconds;

    public string Row(LoadResult? floor)
    {
        var ratio = floor is null ? "-" : (OperationsPerSecond / floor.OperationsPerSecond).ToString("F2", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {Name} | {Concurrency} | {OperationsPerSecond:N0} | {ItemsPerSecond:N0} | {P50Milliseconds:F2} | {P99Milliseconds:F2} | {ratio} |");
    }
}

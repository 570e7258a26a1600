using System.Diagnostics;
using System.Globalization;
using Hydra.Benchmarks.Dimse;
using Hydra.Testing;

namespace Hydra.Benchmarks.Bridge;

/// <summary>
/// Sends a set of files with <paramref name="Senders"/> storescu processes at once, each on one association carrying
/// a contiguous slice of the files, as several modalities or a PACS with parallel senders would.
/// </summary>
public sealed record ParallelStorescu(int Senders)
{
    /// <summary>Sends <paramref name="files"/> to <paramref name="target"/>; returns the wall time from first start to last exit.</summary>
    public Task<TimeSpan> SendAsync(StoreBenchTarget target, IReadOnlyList<string> files, CancellationToken cancellationToken) =>
        SendAsync([target], files, cancellationToken);

    /// <summary>
    /// Sends <paramref name="files"/> with the senders spread over <paramref name="targets"/> in turn (sender i to target
    /// i mod n), as modalities would be spread over several bridges; the wall time from first start to last exit.
    /// </summary>
    public async Task<TimeSpan> SendAsync(IReadOnlyList<StoreBenchTarget> targets, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var storescu = Peers.Require("storescu", "dcmtk");
        var slices = Slices(files);
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(slices.Select((slice, i) => ProcessRunner.RunAsync(
            storescu,
            ["-aet", "BENCH", "-aec", targets[i % targets.Count].AeTitle, "127.0.0.1", targets[i % targets.Count].Port.ToString(CultureInfo.InvariantCulture), .. slice],
            timeout: TimeSpan.FromMinutes(10))));
        watch.Stop();
        foreach (var result in results.Where(r => r.ExitCode != 0 || r.Output.Contains("Store Failed", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"storescu to {string.Join(" and ", targets.Select(t => t.Name))} failed (exit {result.ExitCode}): {result.Output}");
        }

        return watch.Elapsed;
    }

    private List<string[]> Slices(IReadOnlyList<string> files)
    {
        var slices = new List<string[]>(Senders);
        for (var i = 0; i < Senders; i++)
        {
            var start = files.Count * i / Senders;
            var end = files.Count * (i + 1) / Senders;
            if (end > start)
            {
                slices.Add([.. files.Skip(start).Take(end - start)]);
            }
        }

        return slices;
    }
}

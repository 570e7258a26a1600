using System.Globalization;

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>
/// The timed runs of a DICOMweb bench by side (bridge, Orthanc, ...), in interleaved rounds: each round runs every side
/// once, so a ratio taken within a round compares runs that saw the same load on this shared machine.
/// </summary>
public sealed class WebRuns
{
    private readonly List<string> _sides = [];
    private readonly Dictionary<string, List<WebRun>> _runs = [];

    public void Add(string side, WebRun run)
    {
        if (!_runs.TryGetValue(side, out var runs))
        {
            _sides.Add(side);
            _runs[side] = runs = [];
        }

        runs.Add(run);
    }

    public IReadOnlyList<WebRun> Of(string side) => _runs[side];

    /// <summary>Per-round ratios of <paramref name="side"/>'s rate to <paramref name="baseline"/>'s: median, lowest, highest.</summary>
    public (double Median, double Min, double Max) Ratio(string side, string baseline)
    {
        var ratios = _runs[side].Zip(_runs[baseline], (a, b) => a.ImagesPerSecond / b.ImagesPerSecond).ToList();
        return (BenchStatistics.Median(ratios), ratios.Min(), ratios.Max());
    }

    /// <summary>
    /// A row per side: best, median and worst images/s, MB/s of the median run, median time to the first image, and
    /// CPU ms per image of the serving process and of the keystore nodes (median runs).
    /// </summary>
    public void Print(IReadOnlyDictionary<string, string> labels)
    {
        Console.WriteLine($"{"side",-52} {"best img/s",10} {"median",8} {"worst",8} {"MB/s",7} {"1st img ms",10} {"CPU ms/img",10} {"nodes ms/img",12}");
        foreach (var side in _sides)
        {
            var runs = _runs[side];
            var rates = runs.Select(r => r.ImagesPerSecond).ToList();
            var median = BenchStatistics.Median(rates);
            var images = runs[0].Images;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{labels.GetValueOrDefault(side, side),-52} {rates.Max(),10:N1} {median,8:N1} {rates.Min(),8:N1} " +
                $"{BenchStatistics.Median(runs.Select(r => r.MegabytesPerSecond)),7:N1} " +
                $"{BenchStatistics.Median(runs.Select(r => r.FirstImage.TotalMilliseconds)),10:N1} " +
                $"{BenchStatistics.Median(runs.Select(r => r.ProcessorTime.TotalMilliseconds)) / images,10:N2} " +
                $"{BenchStatistics.Median(runs.Select(r => r.NodesProcessorTime.TotalMilliseconds)) / images,12:N2}"));
        }
    }

    public void PrintRatio(string side, string baseline)
    {
        var (median, min, max) = Ratio(side, baseline);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{side} / {baseline}: {median:N2}x median of {_runs[side].Count} rounds (range {min:N2}x-{max:N2}x)"));
    }
}

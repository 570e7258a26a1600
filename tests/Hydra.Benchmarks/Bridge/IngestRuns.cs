using System.Globalization;

namespace Hydra.Benchmarks.Bridge;

/// <summary>The timed runs of the ingest bench, by sender count and receiver, printed as best and median rates.</summary>
public sealed class IngestRuns
{
    private readonly Dictionary<(int Senders, string Receiver), List<double>> _seconds = [];

    public IngestRuns(int images, long bytes)
    {
        Images = images;
        Bytes = bytes;
    }

    /// <summary>Images per run.</summary>
    public int Images { get; }

    /// <summary>Bytes of the files sent per run (each set holds the same amount).</summary>
    public long Bytes { get; }

    public void Add(int senders, string receiver, TimeSpan elapsed)
    {
        if (!_seconds.TryGetValue((senders, receiver), out var runs))
        {
            _seconds[(senders, receiver)] = runs = [];
        }

        runs.Add(elapsed.TotalSeconds);
    }

    /// <summary>The best (shortest) run's images per second.</summary>
    public double Best(int senders, string receiver) => Images / _seconds[(senders, receiver)].Min();

    /// <summary>The median run's images per second.</summary>
    public double Median(int senders, string receiver)
    {
        var sorted = _seconds[(senders, receiver)].Order().ToList();
        var middle = sorted.Count / 2;
        var seconds = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Images / seconds;
    }

    public void Print(IReadOnlyList<int> senders, IReadOnlyList<(string Name, string Label)> receivers, string bridge, string orthanc, string storescp)
    {
        Console.WriteLine($"{"senders",7}  {"receiver",-44} {"best img/s",10} {"MB/s",7} {"median img/s",12}");
        foreach (var k in senders)
        {
            foreach (var (name, label) in receivers)
            {
                var best = Best(k, name);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{k,7}  {label,-44} {best,10:N1} {best * Bytes / Images / 1e6,7:N1} {Median(k, name),12:N1}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{k,7}  bridge/Orthanc {Best(k, bridge) / Best(k, orthanc):N2}x, bridge/storescp {Best(k, bridge) / Best(k, storescp):N2}x (best runs)"));
        }
    }
}

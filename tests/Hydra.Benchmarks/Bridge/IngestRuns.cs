using System.Globalization;

namespace Hydra.Benchmarks.Bridge;

/// <summary>
/// The timed runs of the ingest bench, by sender count and receiver, printed as best and median rates and the median
/// CPU time the receiver's process spent per image (steadier than rates when the machine is shared).
/// </summary>
public sealed class IngestRuns
{
    private readonly Dictionary<(int Senders, string Receiver), List<double>> _seconds = [];
    private readonly Dictionary<(int Senders, string Receiver), List<double>> _cpuSeconds = [];
    private readonly Dictionary<(int Senders, string Receiver), List<double>> _nodeCpuSeconds = [];

    public IngestRuns(int images, long bytes)
    {
        Images = images;
        Bytes = bytes;
    }

    /// <summary>Images per run.</summary>
    public int Images { get; }

    /// <summary>Bytes of the files sent per run (each set holds the same amount).</summary>
    public long Bytes { get; }

    public void Add(int senders, string receiver, IngestRun run)
    {
        Runs(_seconds, senders, receiver).Add(run.Elapsed.TotalSeconds);
        Runs(_cpuSeconds, senders, receiver).Add(run.ProcessorTime.TotalSeconds);
        Runs(_nodeCpuSeconds, senders, receiver).Add(run.NodesProcessorTime.TotalSeconds);
    }

    /// <summary>The best (shortest) run's images per second.</summary>
    public double Best(int senders, string receiver) => Images / _seconds[(senders, receiver)].Min();

    /// <summary>The median run's images per second.</summary>
    public double Median(int senders, string receiver) => Images / MedianOf(_seconds[(senders, receiver)]);

    /// <summary>The receiver process's CPU milliseconds per image, median of the runs.</summary>
    public double CpuMillisecondsPerImage(int senders, string receiver) => MedianOf(_cpuSeconds[(senders, receiver)]) * 1000 / Images;

    /// <summary>The keystore node processes' CPU milliseconds per image (all three), median of the runs.</summary>
    public double NodeCpuMillisecondsPerImage(int senders, string receiver) => MedianOf(_nodeCpuSeconds[(senders, receiver)]) * 1000 / Images;

    private static List<double> Runs(Dictionary<(int, string), List<double>> runs, int senders, string receiver)
    {
        if (!runs.TryGetValue((senders, receiver), out var list))
        {
            runs[(senders, receiver)] = list = [];
        }

        return list;
    }

    private static double MedianOf(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public void Print(
        IReadOnlyList<int> senders, IReadOnlyList<(string Name, string Label)> receivers, string bridge, string orthanc, string storescp, bool nodesInOwnProcesses)
    {
        Console.WriteLine($"{"senders",7}  {"receiver",-44} {"best img/s",10} {"MB/s",7} {"median img/s",12} {"CPU ms/img",10}");
        foreach (var k in senders)
        {
            foreach (var (name, label) in receivers)
            {
                var best = Best(k, name);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{k,7}  {label,-44} {best,10:N1} {best * Bytes / Images / 1e6,7:N1} {Median(k, name),12:N1} {CpuMillisecondsPerImage(k, name),10:N2}"));
                if (name == bridge && nodesInOwnProcesses)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{k,7}  {"  its 3 keystore nodes (own processes)",-44} {"",10} {"",7} {"",12} {NodeCpuMillisecondsPerImage(k, name),10:N2}"));
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{k,7}  bridge/Orthanc {Best(k, bridge) / Best(k, orthanc):N2}x, bridge/storescp {Best(k, bridge) / Best(k, storescp):N2}x (best runs)"));
        }

        Console.WriteLine("CPU ms/img: CPU time of the receiving process during a run over the images sent (median run). The Hydra");
        Console.WriteLine(nodesInOwnProcesses
            ? "receivers run in the bench process; the keystore nodes' CPU is shown on its own line, all three together."
            : "receivers run in the bench process, and so do the keystore nodes: the bridge's figure includes theirs.");
    }
}

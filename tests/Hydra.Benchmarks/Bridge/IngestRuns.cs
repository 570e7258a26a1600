using System.Globalization;

namespace Hydra.Benchmarks.Bridge;

/// <summary>
/// The timed runs of the ingest bench, by sender count and receiver, printed as best and median rates and the median
/// CPU time the receiver's process spent per image (steadier than rates when the machine is shared).
/// </summary>
public sealed class IngestRuns
{
    private readonly Dictionary<(int Senders, string Receiver), List<IngestRun>> _runs = [];

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
        if (!_runs.TryGetValue((senders, receiver), out var runs))
        {
            _runs[(senders, receiver)] = runs = [];
        }

        runs.Add(run);
    }

    /// <summary>The best (shortest) run's images per second.</summary>
    public double Best(int senders, string receiver) => Images / _runs[(senders, receiver)].Min(run => run.Elapsed.TotalSeconds);

    /// <summary>The median run's images per second.</summary>
    public double Median(int senders, string receiver) => Images / MedianSeconds(senders, receiver, run => run.Elapsed);

    /// <summary>The receiver process's CPU milliseconds per image, median of the runs.</summary>
    public double CpuMillisecondsPerImage(int senders, string receiver) => MedianSeconds(senders, receiver, run => run.ProcessorTime) * 1000 / Images;

    /// <summary>The keystore node processes' CPU milliseconds per image (all three), median of the runs.</summary>
    public double NodeCpuMillisecondsPerImage(int senders, string receiver) =>
        MedianSeconds(senders, receiver, run => run.NodesProcessorTime) * 1000 / Images;

    private double MedianSeconds(int senders, string receiver, Func<IngestRun, TimeSpan> measure) =>
        BenchStatistics.Median(_runs[(senders, receiver)].Select(run => measure(run).TotalSeconds));

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

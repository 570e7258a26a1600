using System.CommandLine;
using System.Globalization;
using Hydra.Benchmarks.Dimse;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Benchmarks.Bridge;

/// <summary>
/// <c>bridge-pixels</c>: what scanning every image for burned-in text costs the ingest. Two bridges in front of the
/// same three keystore nodes, one with pixel cleaning off (the ingest as it was) and one with it on (the default),
/// receive the same synthetic 512x512 CT images without text in alternating order, each round a fresh set; then the
/// cleaning bridge receives ultrasound-like images with identifying text (us_like_study.py), which it must blank.
/// </summary>
public static class BridgePixelsCommand
{
    public static Command Create()
    {
        var images = new Option<int>("--images") { Description = "CT images (512x512, 16-bit, no text) per run", DefaultValueFactory = _ => 200 };
        var ultrasound = new Option<int>("--us-images") { Description = "Ultrasound-like images with text (640x480 RGB) per run", DefaultValueFactory = _ => 40 };
        var senders = new Option<int[]>("--senders")
        {
            Description = "Parallel storescu processes, one association each",
            DefaultValueFactory = _ => [1, 4],
            AllowMultipleArgumentsPerToken = true,
        };
        var rounds = new Option<int>("--rounds") { Description = "Runs per bridge and sender count, interleaved", DefaultValueFactory = _ => 3 };
        var command = new Command("bridge-pixels", "Ingest with and without burned-in text scanning, and the rate of images with text") { images, ultrasound, senders, rounds };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(images), result.GetValue(ultrasound), result.GetValue(senders)!, result.GetValue(rounds), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int images, int ultrasound, int[] senders, int rounds, CancellationToken cancellationToken)
    {
        if (images < 1 || ultrasound < 1 || rounds < 1 || senders.Length == 0 || senders.Any(k => k < 1))
        {
            throw new ArgumentException("--images, --us-images, --rounds and every --senders value must be at least 1.");
        }

        using var folder = new TempDirectory("hydra-pixels-bench");
        await using var bench = await BenchBridge.StartAsync(nodesInOwnProcesses: true, options => options.PixelCleaning.Enabled = false);
        var unscanned = bench.Target with { Name = "unscanned" };
        var cleaning = await bench.StartOtherBridgeAsync("cleaning", _ => { });
        Console.WriteLine("storescu x k (TCP_NODELAY=1) -> two bridges in this process (3 keystore nodes in their own processes, loopback mTLS):");
        Console.WriteLine("'unscanned' with Bridge:PixelCleaning:Enabled=false (the ingest before issue 22), 'cleaning' with the defaults");
        Console.WriteLine($"{images} CT images (512x512, 16-bit, no text) and {ultrasound} ultrasound-like images (640x480 RGB, text) per run, {rounds} rounds, `sync` before each run");
        Console.WriteLine($"load average at start: {LoadAverage()}");

        await bench.WarmUpNodesAsync(batches: 300, cancellationToken);
        foreach (var k in senders)
        {
            // A set per sender count: the bridge acknowledges a re-sent image without ingesting it again.
            var warmUp = SampleStudy.Write(folder.Combine($"warm-up-{k}"), 300, 512);
            await SendCheckedAsync(bench, new ParallelStorescu(k), unscanned, warmUp.Files, cancellationToken);
            await SendCheckedAsync(bench, new ParallelStorescu(k), cleaning, warmUp.Files, cancellationToken);
        }

        await SendCheckedAsync(bench, new ParallelStorescu(2), cleaning, await UltrasoundAsync(folder.Combine("warm-up-us"), ultrasound), cancellationToken);

        var ct = new IngestRuns(images, 0);
        var us = new IngestRuns(ultrasound, 0);
        var quarantined = 0;
        foreach (var k in senders)
        {
            for (var round = 0; round < rounds; round++)
            {
                var set = SampleStudy.Write(folder.Combine($"ct-{k}-{round}"), images, 512).Files;
                var text = await UltrasoundAsync(folder.Combine($"us-{k}-{round}"), ultrasound);
                var order = round % 2 == 0 ? new[] { unscanned, cleaning } : [cleaning, unscanned];
                foreach (var target in order)
                {
                    ct.Add(k, target.Name, (await SendCheckedAsync(bench, new ParallelStorescu(k), target, set, cancellationToken)).Run);
                }

                var (run, kept) = await SendCheckedAsync(bench, new ParallelStorescu(k), cleaning, text, cancellationToken);
                us.Add(k, cleaning.Name, run);
                quarantined += kept;
            }
        }

        Console.WriteLine();
        Print(senders, ct, us, quarantined, rounds * senders.Length * ultrasound);
        Console.WriteLine($"load average at end: {LoadAverage()}");
        return 0;
    }

    private static void Print(int[] senders, IngestRuns ct, IngestRuns us, int quarantined, int ultrasoundSent)
    {
        Console.WriteLine($"{"senders",7}  {"images",-40} {"best img/s",10} {"median img/s",12} {"CPU ms/img",10} {"img/s/core",10}");
        foreach (var k in senders)
        {
            foreach (var (runs, name, label) in new[] { (ct, "unscanned", "CT, no text, unscanned bridge"), (ct, "cleaning", "CT, no text, cleaning bridge"), (us, "cleaning", "ultrasound with text, cleaning bridge") })
            {
                var cpu = runs.CpuMillisecondsPerImage(k, name);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{k,7}  {label,-40} {runs.Best(k, name),10:N1} {runs.Median(k, name),12:N1} {cpu,10:N2} {1000 / cpu,10:N1}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{k,7}  CT cleaning/unscanned: best {ct.Best(k, "cleaning") / ct.Best(k, "unscanned"):N2}x, median {ct.Median(k, "cleaning") / ct.Median(k, "unscanned"):N2}x, CPU {ct.CpuMillisecondsPerImage(k, "cleaning") / ct.CpuMillisecondsPerImage(k, "unscanned"):N2}x"));
        }

        Console.WriteLine($"ultrasound images quarantined instead of cleaned: {quarantined} of {ultrasoundSent}");
        Console.WriteLine("CPU ms/img: CPU time of the bench process (both bridges; only one receives at a time) over the images sent, median run;");
        Console.WriteLine("img/s/core: 1000 / CPU ms/img, the rate one core sustains. The keystore nodes' CPU is not included.");
    }

    /// <summary>Sends, then checks that every image was catalogued or quarantined; returns the run and how many were quarantined.</summary>
    private static async Task<(IngestRun Run, int Quarantined)> SendCheckedAsync(
        BenchBridge bench, ParallelStorescu sender, StoreBenchTarget target, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        await ProcessRunner.RunAsync("sync", []);
        var before = await bench.CountsAsync(target);
        var (cpuBefore, nodesBefore) = (target.ProcessorTime(), bench.NodesProcessorTime());
        var elapsed = await sender.SendAsync(target, files, cancellationToken);
        var (cpu, nodes) = (target.ProcessorTime() - cpuBefore, bench.NodesProcessorTime() - nodesBefore);
        var after = await bench.CountsAsync(target);
        var (stored, quarantined) = (after.Catalog - before.Catalog, after.Quarantined - before.Quarantined);
        if (stored + quarantined != files.Count)
        {
            throw new InvalidOperationException($"{target.Name} stored {stored} and quarantined {quarantined} of the {files.Count} images sent.");
        }

        return (new IngestRun(elapsed, cpu, nodes), quarantined);
    }

    private static async Task<IReadOnlyList<string>> UltrasoundAsync(string folder, int count)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Bridge", "us_like_study.py");
        var result = await ProcessRunner.RunAsync("/usr/bin/python3", [script, folder, count.ToString(CultureInfo.InvariantCulture)], timeout: TimeSpan.FromMinutes(10));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException("us_like_study.py failed (Debian python3-pil, python3-pydicom, fonts-dejavu-core): " + result.StandardError);
        }

        return result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

using System.CommandLine;
using Hydra.Benchmarks.Dimse;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Benchmarks.Bridge;

/// <summary>
/// <c>bridge-ingest</c>: the same synthetic 512x512 CT images sent by k parallel storescu processes (TCP_NODELAY=1,
/// one association each) to dcmtk's storescp and Orthanc writing plain files, to Hydra's bare C-STORE SCP writing
/// plain files, and to the Hydra bridge end to end (de-identify, encrypt, 2-of-3 key registration on three keystore
/// nodes, durable acknowledgement), in one run; each receiver's stored count checked after every run.
/// </summary>
public static class BridgeIngestCommand
{
    public static Command Create()
    {
        var images = new Option<int>("--images") { Description = "Images per run (512x512, 16-bit)", DefaultValueFactory = _ => 300 };
        var senders = new Option<int[]>("--senders")
        {
            Description = "Parallel storescu processes, one association each",
            DefaultValueFactory = _ => [1, 4],
            AllowMultipleArgumentsPerToken = true,
        };
        var rounds = new Option<int>("--rounds") { Description = "Runs per receiver and sender count, interleaved", DefaultValueFactory = _ => 3 };
        var nodes = new Option<string>("--nodes")
        {
            Description = "Where the three keystore nodes run: 'processes' (one each, as deployed) or 'in-process' (inside the bench, beside the bridge)",
            DefaultValueFactory = _ => "processes",
        };
        nodes.AcceptOnlyFromAmong("processes", "in-process");
        var command = new Command("bridge-ingest", "End-to-end bridge ingest against storescp and Orthanc, sent by storescu") { images, senders, rounds, nodes };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(images), result.GetValue(senders)!, result.GetValue(rounds), result.GetValue(nodes) == "processes", cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int images, int[] senders, int rounds, bool nodeProcesses, CancellationToken cancellationToken)
    {
        if (images < 1 || rounds < 1 || senders.Length == 0 || senders.Any(k => k < 1))
        {
            throw new ArgumentException("--images, --rounds and every --senders value must be at least 1.");
        }

        using var folder = new TempDirectory("hydra-ingest-bench");
        await using var receivers = await StoreBenchReceivers.StartAsync(Directory.CreateDirectory(folder.Combine("receivers")).FullName, cancellationToken);
        await using var bridge = await BenchBridge.StartAsync(nodeProcesses);
        var targets = new IngestTargets(receivers, bridge);
        Console.WriteLine($"storescu x k (TCP_NODELAY=1) -> storescp -od, Orthanc {receivers.OrthancVersion}, Hydra SCP (plain files), " +
            "Hydra bridge (in this process; 3 keystore nodes " + (nodeProcesses ? "in their own processes" : "in this process") + ", loopback mTLS)");
        Console.WriteLine($"{images} images of 512x512 per run, {rounds} rounds per sender count, receivers interleaved, `sync` before each run");
        Console.WriteLine($"load average at start: {LoadAverage()}");

        // Long enough for tiered compilation to reach optimised code on the whole path, with each sender count; the
        // nodes, which see one call per 32 images, get several hundred registration calls of their own first.
        await bridge.WarmUpNodesAsync(batches: 300, cancellationToken);
        foreach (var k in senders)
        {
            var warmUp = SampleStudy.Write(folder.Combine($"warm-up-{k}"), Math.Max(images, 300), 512);
            foreach (var target in targets.All)
            {
                await targets.SendCheckedAsync(new ParallelStorescu(k), target, warmUp.Files, cancellationToken);
            }
        }

        // Every set is written before the first measured run and kept until the end: deleting files mid-bench made
        // the next receivers' file creations slower on this VM's journal-less ext4, which scans past inodes deleted in
        // the last minutes (fs/ext4/ialloc.c, recently_deleted), a cost no receiver pays on a journaled file system.
        var sets = senders.Select((k, s) => Enumerable.Range(0, rounds)
            .Select(round => SampleStudy.Write(folder.Combine($"set-{s}-{k}-{round}"), images, 512)).ToList()).ToList();
        var runs = new IngestRuns(images, sets[0][0].Files.Sum(f => new FileInfo(f).Length));
        for (var s = 0; s < senders.Length; s++)
        {
            var k = senders[s];
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < targets.All.Count; i++)
                {
                    var target = targets.All[(i + round) % targets.All.Count];
                    runs.Add(k, target.Name, await targets.SendCheckedAsync(new ParallelStorescu(k), target, sets[s][round].Files, cancellationToken));
                }
            }
        }

        Console.WriteLine();
        runs.Print(senders, targets.Labels, bridge.Target.Name, "Orthanc", "storescp", bridge.NodesInOwnProcesses);
        Console.WriteLine($"bridge catalog: {await bridge.CatalogCountAsync()} images; shares waiting in hand-off: {await bridge.PendingHandoffCountAsync()}");
        Console.WriteLine($"load average at end: {LoadAverage()}");
        return 0;
    }

    /// <summary>The machine's 1/5/15-minute load averages: the rates move with whatever else runs on these 2 cores.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

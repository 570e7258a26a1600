using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hydra.Benchmarks.Bridge;
using Hydra.Benchmarks.Dimse;
using Hydra.Bridge.Options;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Ceph;
using Hydra.Testing.Postgres;

namespace Hydra.Benchmarks.Engines;

/// <summary>
/// <c>bridge-engines</c>: the same synthetic 512x512 CT images sent by k parallel storescu processes to Orthanc on its
/// embedded back ends (SQLite index, plain files), to Orthanc on its PostgreSQL plugins, to the bridge on its embedded
/// back ends (LiteDB, a folder) and to the bridge on PostgreSQL and Ceph, one bridge and two sharing them, in one run;
/// every receiver's count checked after every run.
/// </summary>
public static class BridgeEnginesCommand
{
    public static Command Create()
    {
        var images = new Option<int>("--images") { Description = "Images per run (512x512, 16-bit)", DefaultValueFactory = _ => 200 };
        var senders = new Option<int[]>("--senders")
        {
            Description = "Parallel storescu processes, one association each (spread over the bridges when there are two)",
            DefaultValueFactory = _ => [2, 4],
            AllowMultipleArgumentsPerToken = true,
        };
        var rounds = new Option<int>("--rounds") { Description = "Runs per receiver and sender count, interleaved", DefaultValueFactory = _ => 3 };
        var command = new Command("bridge-engines", "Bridge ingest on PostgreSQL and Ceph against its embedded back ends and Orthanc on SQLite and PostgreSQL")
        {
            images, senders, rounds,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(images), result.GetValue(senders)!, result.GetValue(rounds), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int images, int[] senders, int rounds, CancellationToken cancellationToken)
    {
        if (images < 1 || rounds < 1 || senders.Length == 0 || senders.Any(k => k < 2))
        {
            throw new ArgumentException("--images and --rounds must be at least 1, and every --senders value at least 2 (two bridges share them).");
        }

        using var folder = new TempDirectory("hydra-engines-bench");
        await using var postgres = await PostgresServer.StartAsync();
        await using var receivers = await StoreBenchReceivers.StartAsync(Directory.CreateDirectory(folder.Combine("receivers")).FullName, cancellationToken);
        await using var orthancPg = await OrthancOnPostgres.StartAsync(postgres, folder.Combine("orthanc-pg"), cancellationToken);
        await using var ceph = await CephObjectStore.StartAsync(cancellationToken);
        await using var bridge = await BenchBridge.StartAsync(nodesInOwnProcesses: true);
        var s3 = await S3OptionsAsync(ceph, folder, cancellationToken);
        var s3Bridge = await bridge.StartOtherBridgeAsync("bridge-S3", options => options.Objects = new BridgeObjectOptions { Backend = BridgeObjectOptions.S3Backend, S3 = s3 });

        // PostgreSQL and Ceph: one bridge, and a pair sharing catalog, bucket and secret (senders spread over both);
        // each its own database and bucket, since an image already catalogued is acknowledged without being stored.
        var pgBridge = await bridge.StartOtherBridgeAsync("bridge-PG", await SharedStoresAsync(postgres, ceph, folder, "single", cancellationToken));
        var pair = await SharedStoresAsync(postgres, ceph, folder, "pair", cancellationToken);
        var pgFirst = await bridge.StartOtherBridgeAsync("bridge-PGx2", pair);
        var pgSecond = await bridge.StartOtherBridgeAsync("bridge-PGx2-b", pair);
        var engines = new List<EngineReceiver>
        {
            Receiver(receivers, "Orthanc", "Orthanc (SQLite index, plain files)"),
            new("Orthanc-PG", "Orthanc (PostgreSQL index and storage)", [orthancPg.Target], orthancPg.Target.ProcessorTime, orthancPg.CountAsync),
            Bridge(bridge, bridge.Target, "bridge (LiteDB, folder)"),
            Bridge(bridge, s3Bridge, "bridge (LiteDB, Ceph S3)"),
            Bridge(bridge, pgBridge, "bridge (PostgreSQL, Ceph S3)"),
            new("bridge-PGx2", "2 bridges (one PostgreSQL, one Ceph bucket)", [pgFirst, pgSecond], pgFirst.ProcessorTime,
                async _ => (await bridge.CountsAsync(pgFirst)).Catalog),
        };

        Console.WriteLine($"storescu x k (TCP_NODELAY=1) -> Orthanc {receivers.OrthancVersion} (SQLite; PostgreSQL 15 plugins), Hydra bridge(s) in this process, " +
            "3 keystore nodes in their own processes, loopback mTLS");
        Console.WriteLine($"{images} images of 512x512 per run, {rounds} rounds per sender count, receivers interleaved, `sync` before each run");
        Console.WriteLine($"load average at start: {LoadAverage()}");

        await bridge.WarmUpNodesAsync(batches: 200, cancellationToken);
        foreach (var k in senders)
        {
            var warmUp = SampleStudy.Write(folder.Combine($"warm-up-{k}"), Math.Max(images, 200), 512);
            foreach (var engine in engines)
            {
                await SendCheckedAsync(new ParallelStorescu(k), engine, warmUp.Files, cancellationToken);
            }
        }

        var sets = senders.Select((k, s) => Enumerable.Range(0, rounds)
            .Select(round => SampleStudy.Write(folder.Combine($"set-{s}-{k}-{round}"), images, 512)).ToList()).ToList();
        var runs = new Dictionary<(int, string), List<IngestRun>>();
        for (var s = 0; s < senders.Length; s++)
        {
            for (var round = 0; round < rounds; round++)
            {
                for (var i = 0; i < engines.Count; i++)
                {
                    var engine = engines[(i + round) % engines.Count];
                    var run = await SendCheckedAsync(new ParallelStorescu(senders[s]), engine, sets[s][round].Files, cancellationToken);
                    (runs.TryGetValue((senders[s], engine.Name), out var list) ? list : runs[(senders[s], engine.Name)] = []).Add(run);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{"senders",7}  {"receiver",-46} {"best img/s",10} {"median img/s",12} {"CPU ms/img",10}");
        foreach (var k in senders)
        {
            foreach (var engine in engines)
            {
                var list = runs[(k, engine.Name)];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{k,7}  {engine.Label,-46} {images / list.Min(r => r.Elapsed.TotalSeconds),10:N1} {images / BenchStatistics.Median(list.Select(r => r.Elapsed.TotalSeconds)),12:N1} {BenchStatistics.Median(list.Select(r => r.ProcessorTime.TotalMilliseconds)) / images,10:N2}"));
            }

            double Best(string name) => images / runs[(k, name)].Min(r => r.Elapsed.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{k,7}  best runs: Orthanc PostgreSQL/SQLite {Best("Orthanc-PG") / Best("Orthanc"):N2}x; bridge PostgreSQL+Ceph/embedded {Best("bridge-PG") / Best("bridge"):N2}x, against Orthanc on PostgreSQL {Best("bridge-PG") / Best("Orthanc-PG"):N2}x; two bridges/one {Best("bridge-PGx2") / Best("bridge-PG"):N2}x"));
        }

        Console.WriteLine("CPU ms/img: the receiving process only (the bridges all run in the bench process, so their figures include each other's idle work; PostgreSQL, Ceph and the keystore nodes not counted).");
        Console.WriteLine($"load average at end: {LoadAverage()}");
        return 0;
    }

    private static EngineReceiver Bridge(BenchBridge bridge, StoreBenchTarget target, string label) =>
        new(target.Name, label, [target], target.ProcessorTime, async _ => (await bridge.CountsAsync(target)).Catalog);

    /// <summary>Bridge options for a PostgreSQL catalog (database <paramref name="name"/>) and a bucket of their own, shared by the bridges started with them.</summary>
    private static async Task<Action<BridgeOptions>> SharedStoresAsync(PostgresServer postgres, CephObjectStore ceph, TempDirectory folder, string name, CancellationToken cancellationToken)
    {
        var s3 = await S3OptionsAsync(ceph, folder, cancellationToken);
        return TestBridge.OnSharedCatalog(await postgres.CreateDatabaseAsync(name), folder.Combine(name + ".secret"), options =>
            options.Objects = new BridgeObjectOptions { Backend = BridgeObjectOptions.S3Backend, S3 = s3 });
    }

    /// <summary>A bucket of its own on the bench's Ceph, with S3's default part size and the secret key in a file.</summary>
    private static async Task<BridgeS3Options> S3OptionsAsync(CephObjectStore ceph, TempDirectory folder, CancellationToken cancellationToken)
    {
        var bucket = await ceph.CreateBucketAsync(cancellationToken);
        var secret = folder.Combine("s3-secret-" + bucket);
        await File.WriteAllTextAsync(secret, ceph.SecretKey, cancellationToken);
        return new BridgeS3Options { ServiceUrl = ceph.Endpoint.ToString(), Bucket = bucket, AccessKeyId = ceph.AccessKey, SecretKeyFile = secret };
    }

    private static EngineReceiver Receiver(StoreBenchReceivers receivers, string name, string label)
    {
        var target = receivers.All.Single(t => t.Name == name);
        return new EngineReceiver(name, label, [target], target.ProcessorTime, async ct => (await receivers.StoredCountsAsync(ct))[name]);
    }

    /// <summary>Flushes dirty pages, sends, and checks that the receiver holds exactly the images sent more than before.</summary>
    private static async Task<IngestRun> SendCheckedAsync(ParallelStorescu sender, EngineReceiver engine, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        await ProcessRunner.RunAsync("sync", []);
        var before = await engine.CountAsync(cancellationToken);
        var cpuBefore = engine.ProcessorTime();
        var watch = Stopwatch.StartNew();
        await sender.SendAsync(engine.Targets, files, cancellationToken);
        watch.Stop();
        var cpu = engine.ProcessorTime() - cpuBefore;
        var stored = await engine.CountAsync(cancellationToken) - before;
        if (stored != files.Count)
        {
            throw new InvalidOperationException($"{engine.Name} stored {stored} of the {files.Count} images sent.");
        }

        return new IngestRun(watch.Elapsed, cpu, TimeSpan.Zero);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

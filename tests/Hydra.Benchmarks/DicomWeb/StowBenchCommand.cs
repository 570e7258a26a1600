using System.CommandLine;
using Hydra.Benchmarks.Bridge;
using Hydra.Benchmarks.Dimse;
using Hydra.CertsDev;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>
/// <c>dicomweb-stow</c>: the same synthetic CT images stored into one fresh bridge by STOW-RS (one request for the
/// whole set, and requests of a batch each) and by C-STORE (storescu, one association), and into Orthanc by its own
/// STOW-RS, in interleaved rounds; every round's sets carry fresh UIDs and every receiver must hold exactly the images
/// sent more after each run. The bridge runs in this process (as in <c>bridge-ingest</c>), its nodes in their own.
/// </summary>
public static class StowBenchCommand
{
    private const string Bridge1 = "bridge-stow", BridgeBatch = "bridge-stow-batch", BridgeCStore = "bridge-cstore";
    private const string Orthanc1 = "orthanc-stow", OrthancBatch = "orthanc-stow-batch";

    public static Command Create()
    {
        var images = new Option<int>("--images") { Description = "Images per run (512x512, 16-bit)", DefaultValueFactory = _ => 500 };
        var batch = new Option<int>("--batch") { Description = "Instances per STOW-RS request in the batched runs", DefaultValueFactory = _ => 50 };
        var rounds = new Option<int>("--rounds") { Description = "Runs per way of storing, interleaved", DefaultValueFactory = _ => 3 };
        var only = new Option<string[]>("--ways")
        {
            Description = "Which ways of storing to run (all by default; a ratio is printed when both of its sides ran)",
            DefaultValueFactory = _ => [Bridge1, BridgeBatch, BridgeCStore, Orthanc1, OrthancBatch],
            AllowMultipleArgumentsPerToken = true,
        };
        only.AcceptOnlyFromAmong(Bridge1, BridgeBatch, BridgeCStore, Orthanc1, OrthancBatch);
        var http = new Option<string>("--http") { Description = "HTTP version the STOW client asks the bridge for by ALPN (Orthanc always gets HTTP/1.1)", DefaultValueFactory = _ => "2" };
        http.AcceptOnlyFromAmong("2", "1.1");
        var client = new Option<string>("--client")
        {
            Description = "The STOW client's TLS to the bridge: grid (Hydra's BouncyCastle TLS) or openssl (.NET SslStream, as curl, browsers and Orthanc)",
            DefaultValueFactory = _ => "grid",
        };
        client.AcceptOnlyFromAmong("grid", "openssl");
        var command = new Command("dicomweb-stow", "STOW-RS into the bridge against C-STORE into it and Orthanc's STOW-RS") { images, batch, rounds, only, http, client };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(images), result.GetValue(batch), result.GetValue(rounds), result.GetValue(only)!,
            result.GetValue(http) == "1.1", result.GetValue(client) == "openssl", cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int images, int batch, int rounds, string[] only, bool http11, bool nativeTls, CancellationToken cancellationToken)
    {
        if (images < 1 || batch < 1 || rounds < 1)
        {
            throw new ArgumentException("--images, --batch and --rounds must be at least 1.");
        }

        using var folder = new TempDirectory("hydra-webbench-stow");
        await using var orthanc = await OrthancDicomWeb.StartAsync(folder.Combine("orthanc"), cancellationToken);
        await using var stack = await WebBenchStack.StartAsync((pki, options) => options.DicomWeb.Senders["dn:" + pki.User(DevUser.Clinician).SubjectDn] = "WEBBENCH");
        using var stower = stack.ReaderClient(stack.InProcess.Node.ReaderPort, DevUser.Clinician, http11, nativeTls);
        StowWay[] ways =
        [
            new(Bridge1, (files, ct) => new StowSender(files.Count).SendAsync(stower, files, ct), ToBridge: true),
            new(BridgeBatch, (files, ct) => new StowSender(batch).SendAsync(stower, files, ct), ToBridge: true),
            new(BridgeCStore, (files, ct) => new ParallelStorescu(1).SendAsync(stack.DicomTarget, files, ct), ToBridge: true),
            new(Orthanc1, (files, ct) => new StowSender(files.Count).SendAsync(orthanc.Http, files, ct), ToBridge: false),
            new(OrthancBatch, (files, ct) => new StowSender(batch).SendAsync(orthanc.Http, files, ct), ToBridge: false),
        ];
        ways = [.. ways.Where(way => only.Contains(way.Name))];

        // Every set written before the first measured run and kept to the end, as in bridge-ingest (ext4 without a journal
        // makes file creation slower after deletions). The bridge gets a fresh set for each way; Orthanc takes two of them.
        var warmUp = Enumerable.Range(0, 3).Select(s => SampleStudy.Write(folder.Combine($"warm-up-{s}"), Math.Min(images, 100), 512).Files).ToList();
        var sets = Enumerable.Range(0, rounds).Select(round => Enumerable.Range(0, 3)
            .Select(s => SampleStudy.Write(folder.Combine($"set-{round}-{s}"), images, 512).Files).ToList()).ToList();
        var bytes = sets[0][0].Sum(f => new FileInfo(f).Length);
        Console.WriteLine($"{images} images of 512x512 ({bytes / 1e6:N1} MB) per run, {rounds} rounds, ways interleaved (order rotating)");
        Console.WriteLine($"bridge: in this process, STOW-RS over {(http11 ? "HTTP/1.1" : "HTTP/2")} on grid TLS (clinician's certificate, Bridge:DicomWeb:Senders,");
        Console.WriteLine($"        client on {(nativeTls ? "OpenSSL" : "grid TLS")}),");
        Console.WriteLine("        C-STORE by one storescu association; 3 keystore nodes in their own processes");
        Console.WriteLine($"Orthanc: {orthanc.Version}, STOW-RS over plain HTTP/1.1; batch = {batch} instances per request");
        BenchLoad.Print("at start");
        foreach (var way in ways)
        {
            await SendCheckedAsync(way, stack, orthanc, warmUp[SetIndex(way.Name)], cancellationToken);
        }

        var runs = new WebRuns();
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < ways.Length; i++)
            {
                var way = ways[(i + round) % ways.Length];
                var (elapsed, cpu, nodes) = await SendCheckedAsync(way, stack, orthanc, sets[round][SetIndex(way.Name)], cancellationToken);
                runs.Add(way.Name, new WebRun(images, bytes, elapsed, TimeSpan.Zero, cpu, nodes));
            }
        }

        Console.WriteLine();
        runs.Print(new Dictionary<string, string>
        {
            [Bridge1] = $"Hydra bridge STOW-RS, 1 request of {images}",
            [BridgeBatch] = $"Hydra bridge STOW-RS, requests of {batch}",
            [BridgeCStore] = "Hydra bridge C-STORE (storescu, 1 association)",
            [Orthanc1] = $"Orthanc STOW-RS, 1 request of {images}",
            [OrthancBatch] = $"Orthanc STOW-RS, requests of {batch}",
        });
        foreach (var (side, baseline) in new[] { (Bridge1, Orthanc1), (BridgeBatch, OrthancBatch), (Bridge1, BridgeCStore), (BridgeBatch, BridgeCStore) })
        {
            if (only.Contains(side) && only.Contains(baseline))
            {
                runs.PrintRatio(side, baseline);
            }
        }

        Console.WriteLine("1st img ms is not measured here (0). CPU ms/img: the bridge's figure is this whole process (the bridge and");
        Console.WriteLine("the STOW client reading the files); Orthanc's is its own process; the nodes' on their own column.");
        Console.WriteLine($"bridge catalog: {await stack.CatalogCountAsync()} images; Orthanc: {await orthanc.CountAsync(cancellationToken)} instances");
        BenchLoad.Print("at end");
        return 0;
    }

    private static int SetIndex(string way) => way switch { Bridge1 or Orthanc1 => 0, BridgeBatch or OrthancBatch => 1, _ => 2 };

    /// <summary>
    /// Flushes dirty pages first (so no way pays for another's unsynced writes), sends, and checks that the receiver
    /// holds exactly the files sent more; returns wall time and the receiving and node processes' CPU time.
    /// </summary>
    private static async Task<(TimeSpan Elapsed, TimeSpan Cpu, TimeSpan Nodes)> SendCheckedAsync(
        StowWay way, WebBenchStack stack, OrthancDicomWeb orthanc, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        await ProcessRunner.RunAsync("sync", []);
        Func<TimeSpan> cpu = way.ToBridge ? StoreBenchTarget.ThisProcessorTime : () => orthanc.ProcessorTime;
        var before = way.ToBridge ? await stack.CatalogCountAsync() : await orthanc.CountAsync(cancellationToken);
        var (cpuBefore, nodesBefore) = (cpu(), stack.NodesProcessorTime());
        var elapsed = await way.Send(files, cancellationToken);
        var (cpuUsed, nodesUsed) = (cpu() - cpuBefore, way.ToBridge ? stack.NodesProcessorTime() - nodesBefore : TimeSpan.Zero);
        var stored = (way.ToBridge ? await stack.CatalogCountAsync() : await orthanc.CountAsync(cancellationToken)) - before;
        if (stored != files.Count)
        {
            throw new InvalidOperationException($"{way.Name}: the receiver stored {stored} of the {files.Count} images sent.");
        }

        return (elapsed, cpuUsed, nodesUsed);
    }
}

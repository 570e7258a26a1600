using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hydra.Benchmarks.Dicom;
using Hydra.Testing;

namespace Hydra.Benchmarks.Dimse;

/// <summary>
/// <c>dimse-store</c>: C-STORE ingest rate of Hydra's SCP (each instance written to disk as a Part 10 file), dcmtk's
/// storescp and Orthanc, in the same run, each receiving the same files from storescu on one association with
/// TCP_NODELAY=1 on all sides; printed as images/s and ratios.
/// </summary>
public static class StoreBenchCommand
{
    public static Command Create()
    {
        var small = new Option<int>("--small") { Description = "Copies of CT_small (128x128) per run", DefaultValueFactory = _ => 1000 };
        var large = new Option<int>("--large") { Description = "Copies of a 512x512 CT per run", DefaultValueFactory = _ => 300 };
        var rounds = new Option<int>("--rounds") { Description = "Runs per receiver and set, interleaved; the best is reported", DefaultValueFactory = _ => 5 };
        var command = new Command("dimse-store", "C-STORE ingest: Hydra's SCP against storescp and Orthanc, sent by storescu") { small, large, rounds };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(small), result.GetValue(large), result.GetValue(rounds), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int smallCount, int largeCount, int rounds, CancellationToken cancellationToken)
    {
        using var folder = new TempDirectory("hydra-dimse-bench");
        var ctSmall = PydicomBench.CtSmallPath(PydicomBench.FindPython());
        var sets = new[]
        {
            ("small 128x128", StoreBenchFiles.WriteSmall(ctSmall, folder.Path, smallCount), smallCount),
            ("large 512x512", StoreBenchFiles.WriteLarge(ctSmall, folder.Path, largeCount), largeCount),
        };
        await using var receivers = await StoreBenchReceivers.StartAsync(folder.Path, cancellationToken);
        Console.WriteLine($"storescu -> Hydra (in-process SCP, Part 10 files), storescp (-od), Orthanc {receivers.OrthancVersion}; best of {rounds} rounds");
        Console.WriteLine();
        Console.WriteLine($"{"set",-14} {"files",6} {"Hydra img/s",12} {"storescp img/s",15} {"Orthanc img/s",14} {"vs storescp",12} {"vs Orthanc",11}");
        foreach (var (name, path, count) in sets)
        {
            await SendAsync(receivers.Hydra, path, cancellationToken); // warm-up: JIT and page cache
            var best = new Dictionary<string, double>();
            for (var round = 0; round < rounds; round++)
            {
                foreach (var target in receivers.All)
                {
                    var seconds = await SendAsync(target, path, cancellationToken);
                    best[target.Name] = Math.Max(best.GetValueOrDefault(target.Name), count / seconds);
                }
            }

            await receivers.VerifyAsync(count, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-14} {count,6} {best["Hydra"],12:N0} {best["storescp"],15:N0} {best["Orthanc"],14:N0} {best["Hydra"] / best["storescp"],11:N2}x {best["Hydra"] / best["Orthanc"],10:N2}x"));
        }

        return 0;
    }

    private static async Task<double> SendAsync(StoreBenchTarget target, string folder, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var watch = Stopwatch.StartNew();
        var result = await ProcessRunner.RunAsync(Peers.Require("storescu", "dcmtk"),
            ["-aet", "BENCH", "-aec", target.AeTitle, "+sd", "127.0.0.1", target.Port.ToString(CultureInfo.InvariantCulture), folder],
            timeout: TimeSpan.FromMinutes(10));
        watch.Stop();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"storescu to {target.Name} failed: {result.Output}");
        }

        return watch.Elapsed.TotalSeconds;
    }
}

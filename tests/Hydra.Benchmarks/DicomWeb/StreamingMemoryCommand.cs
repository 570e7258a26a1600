using System.CommandLine;
using System.Globalization;
using Hydra.Benchmarks.Bridge;
using Hydra.CertsDev;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>
/// <c>dicomweb-memory</c>: a large study (2,000 CT images by default) retrieved by WADO-RS from the bridge running as its
/// own process (<c>dotnet Hydra.Bridge.dll</c>, server GC as deployed), its resident set sampled every 10 ms from
/// /proc: a bridge that streams one instance at a time stays flat, one that buffers the study grows by its size (1 GB).
/// Target: peak RSS under 256 MiB.
/// </summary>
public static class StreamingMemoryCommand
{
    private const long TargetBytes = 256L * 1024 * 1024;

    public static Command Create()
    {
        var images = new Option<int>("--images") { Description = "Images in the study (512x512, 16-bit)", DefaultValueFactory = _ => 2000 };
        var rounds = new Option<int>("--rounds") { Description = "Retrieves of the study, one after the other", DefaultValueFactory = _ => 2 };
        var command = new Command("dicomweb-memory", "The bridge's RSS while it serves a large study by WADO-RS (target < 256 MiB)") { images, rounds };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(images), result.GetValue(rounds), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int images, int rounds, CancellationToken cancellationToken)
    {
        if (images < 1 || rounds < 1)
        {
            throw new ArgumentException("--images and --rounds must be at least 1.");
        }

        using var folder = new TempDirectory("hydra-webbench-memory");
        await using var stack = await WebBenchStack.StartAsync();
        var study = SampleStudy.Write(folder.Combine("study"), images, 512);
        var bytes = study.Files.Sum(f => new FileInfo(f).Length);
        await new ParallelStorescu(4).SendAsync(stack.DicomTarget, study.Files, cancellationToken);
        var studies = await stack.StudiesAsync(DevUser.Reader, cancellationToken);
        if (studies.Count != 1 || studies.Single().Value != images)
        {
            throw new InvalidOperationException($"The bridge holds {studies.Sum(s => s.Value)} images, not {images}.");
        }

        var bridge = await stack.MoveBridgeToProcessAsync();
        using var reader = stack.ReaderClient(bridge.ReaderPort, DevUser.Reader);
        Console.WriteLine($"WADO-RS retrieve of one {images}-image study ({bytes / 1e6:N1} MB as sent) from the bridge as its own process");
        Console.WriteLine("(dotnet Hydra.Bridge.dll, server GC), HTTP/2 over grid TLS with the reader's certificate; RSS from /proc every 10 ms");
        BenchLoad.Print("at start");
        var (idle, _) = bridge.Memory();
        Console.WriteLine($"bridge RSS after start, idle: {MiB(idle)}");
        var worst = 0L;
        for (var round = 1; round <= rounds; round++)
        {
            WebRun run;
            var sampler = new RssSampler(bridge.Id, TimeSpan.FromMilliseconds(10));
            await using (sampler)
            {
                run = await WadoRetrieve.RunAsync(reader, studies.Single().Key, images, () => bridge.ProcessorTime, stack.NodesProcessorTime, cancellationToken);
            }

            var (after, highWater) = bridge.Memory();
            worst = Math.Max(worst, Math.Max(sampler.Peak, highWater));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"retrieve {round}: {run.Images} images, {run.Bytes / 1e6:N1} MB in {run.Elapsed.TotalSeconds:N1} s ({run.ImagesPerSecond:N1} img/s); " +
                $"RSS peak sampled {MiB(sampler.Peak)} ({sampler.Samples} samples), after {MiB(after)}, kernel high-water mark (VmHWM) {MiB(highWater)}; " +
                $"growth over idle {MiB(sampler.Peak - idle)}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"peak RSS {MiB(worst)} against the target of {MiB(TargetBytes)}: {(worst < TargetBytes ? "met" : "NOT met")} (study {bytes / 1048576.0:N0} MiB)"));
        BenchLoad.Print("at end");
        return worst < TargetBytes ? 0 : 1;
    }

    private static string MiB(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:N1} MiB");
}

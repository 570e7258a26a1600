using System.CommandLine;
using System.Globalization;
using Hydra.Dicom;
using Hydra.Testing;

namespace Hydra.Benchmarks.Dicom;

/// <summary>
/// <c>dicom-codec</c>: parse (full walk) and write throughput of Hydra.Dicom against pydicom on the same files in the
/// same run, printed as files/s, MB/s and the ratio.
/// </summary>
public static class CodecBenchCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Measuring time per file and mode, each side", DefaultValueFactory = _ => 3 };
        var frames = new Option<int>("--frames") { Description = "Frames of the 512x512 multi-frame file", DefaultValueFactory = _ => 32 };
        var command = new Command("dicom-codec", "Parse and write throughput of the DICOM codec against pydicom") { seconds, frames };
        command.SetAction((result, cancellationToken) =>
            RunAsync(TimeSpan.FromSeconds(result.GetValue(seconds)), result.GetValue(frames), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(TimeSpan duration, int frames, CancellationToken cancellationToken)
    {
        var python = PydicomBench.FindPython();
        using var folder = new TempDirectory("hydra-codec-bench");
        var files = BenchFiles.Prepare(PydicomBench.CtSmallPath(python), folder.Path, frames);
        Console.WriteLine($"Files: {string.Join(", ", files.Select(f => $"{Path.GetFileName(f)} ({new FileInfo(f).Length:N0} bytes)"))}");
        Console.WriteLine($"Measuring {duration.TotalSeconds:0.#} s per file and mode, pydicom first (in a Python subprocess), then Hydra.Dicom.");
        var pydicom = await PydicomBench.RunAsync(python, duration, files, cancellationToken);

        Console.WriteLine();
        Console.WriteLine($"{"file",-16} {"mode",-13} {"Hydra files/s",14} {"Hydra MB/s",11} {"pydicom files/s",16} {"pydicom MB/s",13} {"ratio",7}");
        foreach (var path in files)
        {
            var bytes = File.ReadAllBytes(path);
            var parsed = DicomFile.Read(bytes);
            var ours = new Dictionary<string, double>
            {
                ["parse-memory"] = RateMeter.PerSecond(duration, () => DatasetWalker.Walk(DicomFile.Read(bytes).Dataset)),
                ["parse-file"] = RateMeter.PerSecond(duration, () => DatasetWalker.Walk(DicomFile.Open(path).Dataset)),
                ["write"] = RateMeter.PerSecond(duration, () => parsed.WriteTo(Stream.Null)),
            };
            var floor = RateMeter.PerSecond(duration, () => File.ReadAllBytes(path));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(path),-16} {"read-bytes",-13} {floor,14:N0} {floor * bytes.Length / 1e6,11:N0} {"(floor: File.ReadAllBytes alone, no parsing)",44}"));
            foreach (var (mode, rate) in ours)
            {
                var theirs = pydicom[(path, mode)];
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(path),-16} {mode,-13} {rate,14:N0} {rate * bytes.Length / 1e6,11:N0} {theirs,16:N1} {theirs * bytes.Length / 1e6,13:N1} {rate / theirs,6:N1}x"));
            }
        }

        return 0;
    }
}

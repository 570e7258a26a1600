using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hydra.Benchmarks.Dicom;
using Hydra.CertsDev;
using Hydra.Dicom;
using Hydra.Dicom.Deidentification;
using Hydra.Testing;

namespace Hydra.Benchmarks.Deidentification;

/// <summary>
/// <c>deidentify</c>: images de-identified per second by gdcmanon (gdcm's PS3.15 de-identifier, run on a folder, -e with
/// the officer's certificate so it encrypts the originals) and by Hydra's DicomDeidentifier (one thread, originals
/// encrypted for the same certificate), on the same 512x512 CT files in the same run. Both sides read each file from
/// disk and write the de-identified file into a fresh folder, best of several passes; Hydra is also timed from memory,
/// as the bridge receives images and hands them on to encryption.
/// </summary>
public static class DeidentificationBenchCommand
{
    public static Command Create()
    {
        var files = new Option<int>("--files") { Description = "512x512 CT files in the folder", DefaultValueFactory = _ => 300 };
        var rounds = new Option<int>("--rounds") { Description = "Passes over the folder, each side (the best counts)", DefaultValueFactory = _ => 3 };
        var seconds = new Option<double>("--seconds") { Description = "Measuring time of Hydra from memory", DefaultValueFactory = _ => 5 };
        var command = new Command("deidentify", "De-identification throughput of Hydra against gdcmanon") { files, rounds, seconds };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(files), result.GetValue(rounds), TimeSpan.FromSeconds(result.GetValue(seconds)), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int count, int rounds, TimeSpan duration, CancellationToken cancellationToken)
    {
        var gdcmanon = Peers.Require("gdcmanon", "libgdcm-tools");
        using var folder = new TempDirectory("hydra-deid-bench");
        var officer = DevPki.Create(folder.Combine("pki")).User(DevUser.Officer);
        var inputs = DeidentificationBenchFiles.Write(PydicomBench.CtSmallPath(PydicomBench.FindPython()), folder.Combine("in"), count);
        Console.WriteLine($"{count} files of {new FileInfo(inputs[0]).Length:N0} bytes (512x512 CT, CT_small.dcm header); one core each side.");

        // Both sides: every file read from disk, de-identified with encryption, written to a fresh folder; best round counts.
        var gdcmRate = await BestRoundAsync(rounds, folder, count, output => ProcessRunner.RunAsync(gdcmanon,
            ["-e", "-c", officer.CertificatePath, "-i", folder.Combine("in"), "-o", output], timeout: TimeSpan.FromMinutes(10))).ConfigureAwait(false);

        var options = new DeidentificationOptions { BridgeSecret = RandomNumberGenerator.GetBytes(32) };
        options.ReidentificationRecipients.Add(X509Certificate2.CreateFromPem(File.ReadAllText(officer.CertificatePath)));
        var deidentifier = new DicomDeidentifier(options);
        var diskRate = await BestRoundAsync(rounds + 1, folder, count, output =>
        {
            foreach (var input in inputs)
            {
                var result = deidentifier.Deidentify(DicomFile.Open(input), DeidentificationProfile.Default);
                result.File!.Save(Path.Combine(output, Path.GetFileName(input)));
            }

            return Task.FromResult(new ProcessResult(0, string.Empty, string.Empty));
        }).ConfigureAwait(false);

        var inMemory = inputs.Take(20).Select(File.ReadAllBytes).ToArray();
        var next = 0;
        var memoryRate = RateMeter.PerSecond(duration, () =>
        {
            var result = deidentifier.Deidentify(DicomFile.Read(inMemory[next++ % inMemory.Length]), DeidentificationProfile.Default);
            result.File!.WriteTo(Stream.Null);
        });

        Console.WriteLine();
        Console.WriteLine($"{"side",-44} {"images/s",10} {"vs gdcmanon",12}");
        Print("gdcmanon -e -c officer.pem, file to file", gdcmRate, gdcmRate);
        Print("Hydra, file to file (default profile)", diskRate, gdcmRate);
        Print("Hydra, memory to memory (default profile)", memoryRate, gdcmRate);
        return 0;
    }

    // Runs a whole pass over the files into a fresh folder per round (the first round also warms up) and returns the best rate.
    private static async Task<double> BestRoundAsync(int rounds, TempDirectory folder, int count, Func<string, Task<ProcessResult>> pass)
    {
        var best = 0.0;
        for (var round = 0; round < rounds; round++)
        {
            var output = folder.Combine($"out{round}");
            Directory.CreateDirectory(output);
            var clock = Stopwatch.StartNew();
            var run = await pass(output).ConfigureAwait(false);
            clock.Stop();
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException(run.Output);
            }

            best = Math.Max(best, count / clock.Elapsed.TotalSeconds);
            Directory.Delete(output, recursive: true);
        }

        return best;
    }

    private static void Print(string side, double rate, double reference) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{side,-44} {rate,10:N0} {rate / reference,11:N1}x"));
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Redaction;
using Hydra.Testing;
using Hydra.Testing.Pixels;

namespace Hydra.Benchmarks.Redaction;

/// <summary>
/// <c>pixel-scan</c>: what the pixel cleaner costs per image on one thread: text-free 512x512 16-bit CT (the synthetic
/// <see cref="BenchPixels.CtRamp"/> and the corpus's upscaled real CT at three windows), where only the pre-filter
/// should run, and images with text (ultrasound-like RGB, CT bands), where OCR runs. Median of many runs per image.
/// </summary>
public static class PixelScanBenchCommand
{
    public static Command Create()
    {
        var runs = new Option<int>("--runs") { Description = "Timed runs per text-free image (images with text: a tenth)", DefaultValueFactory = _ => 2000 };
        var command = new Command("pixel-scan", "Pixel cleaner cost per image, text-free and with text") { runs };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(runs), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int runs, CancellationToken cancellationToken)
    {
        using var folder = new TempDirectory("hydra-pixel-bench");
        var corpus = await BurnedInCorpus.GenerateAsync(folder.Path).ConfigureAwait(false);
        using var cleaner = new PixelCleaner(new PixelCleaningOptions { Recognizer = { Engines = 1 } });
        Console.WriteLine($"{"image",-44} {"outcome",-14} {"ms/image",10}");
        Measure(cleaner, "CtRamp 512x512 16-bit, no window", Ramp(), runs, cancellationToken);
        foreach (var name in new[] { "n10-ct16-ramp", "n01-ct16-soft", "n02-ct16-bone", "n03-ct16-lung", "n11-ct16-signed", "n04-mr16", "n08-rgb-us" })
        {
            Measure(cleaner, name, Open(corpus, name), runs, cancellationToken);
        }

        foreach (var name in new[] { "t01-ct16-top-band", "t03-ct16-corners", "t04-ct16-mid-anatomy", "t22-rgb-yellow", "t23-rgb-planar", "t25-rgb-rotated", "t20-noise8" })
        {
            Measure(cleaner, name, Open(corpus, name), Math.Max(3, runs / 100), cancellationToken);
        }

        return 0;
    }

    private static DicomFile Open(BurnedInCorpus corpus, string name) =>
        DicomFile.Read(File.ReadAllBytes(corpus.PathOf(corpus.Images.Single(i => i.File.StartsWith(name, StringComparison.Ordinal)))));

    private static void Measure(PixelCleaner cleaner, string name, DicomFile file, int runs, CancellationToken cancellationToken)
    {
        var outcome = cleaner.Clean(file, cancellationToken);
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            cleaner.Clean(file, cancellationToken);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        var what = outcome.IsQuarantined ? outcome.Quarantine.Code.ToString() : outcome.PixelData is null ? "nothing found" : $"{outcome.Regions.Count} regions";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-44} {what,-14} {BenchStatistics.Median(times),10:F3}"));
    }

    // BenchPixels.CtRamp as a 512x512 CT with 12 bits stored and no window (the frame's range is its window).
    private static DicomFile Ramp()
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
        dataset.SetString(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        dataset.SetNumbers<ushort>(DicomTags.Rows, 512);
        dataset.SetNumbers<ushort>(DicomTags.Columns, 512);
        dataset.SetNumbers<ushort>(DicomTags.SamplesPerPixel, 1);
        dataset.SetNumbers<ushort>(DicomTags.BitsAllocated, 16);
        dataset.SetNumbers<ushort>(DicomTags.BitsStored, 12);
        dataset.SetNumbers<ushort>(DicomTags.HighBit, 11);
        dataset.SetNumbers<ushort>(DicomTags.PixelRepresentation, 0);
        dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, BenchPixels.CtRamp(512 * 512));
        return new DicomFile(dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
    }
}

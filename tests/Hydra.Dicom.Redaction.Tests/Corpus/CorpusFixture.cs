using System.Collections.Concurrent;
using System.Diagnostics;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Redaction.Devices;
using Hydra.Testing;
using Hydra.Testing.Pixels;

namespace Hydra.Dicom.Redaction.Tests.Corpus;

/// <summary>One corpus image after cleaning: the result, the cleaned file on disk, and how long Clean took.</summary>
public sealed record CleanedImage(CorpusImage Image, string OriginalPath, string CleanedPath, PixelCleaning Result, TimeSpan Elapsed);

/// <summary>The generated corpus, cleaned once by a cleaner with default options (and the test device's band rule).</summary>
public sealed class CorpusFixture : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("pixels");

    public BurnedInCorpus Corpus { get; private set; } = null!;

    public PixelCleaner Cleaner { get; private set; } = null!;

    public IReadOnlyDictionary<string, CleanedImage> Cleaned { get; private set; } = null!;

    /// <summary>The options the corpus is cleaned with: defaults, plus a band rule for the corpus's "ACME SCANMASTER 9".</summary>
    public static PixelCleaningOptions Options() => new()
    {
        Recognizer = { Engines = 2 },
        DeviceRegions =
        {
            new DeviceRegionRule { Manufacturer = "acme", Model = "SCANMASTER", Modality = "CT", Rows = 512, Columns = 512, Regions = { new DeviceRectangle { X = 0, Y = 0, Width = 512, Height = 28 } } },
        },
    };

    public async Task InitializeAsync()
    {
        Corpus = await BurnedInCorpus.GenerateAsync(_folder.Combine("original")).TimeoutAfter(TimeSpan.FromMinutes(5));
        Cleaner = new PixelCleaner(Options());
        Directory.CreateDirectory(_folder.Combine("cleaned"));
        var cleaned = new ConcurrentDictionary<string, CleanedImage>();
        await Task.Run(() => Parallel.ForEach(Corpus.Images, new ParallelOptions { MaxDegreeOfParallelism = 2 }, image =>
        {
            var path = Corpus.PathOf(image);
            var file = DicomFile.Open(path);
            var watch = Stopwatch.StartNew();
            var result = Cleaner.Clean(file, CancellationToken.None);
            watch.Stop();
            var output = _folder.Combine("cleaned", image.File);
            if (result.PixelData is { } pixels)
            {
                file.Dataset.SetBytes(DicomTags.PixelData, file.Dataset[DicomTags.PixelData]!.VR, pixels);
            }

            file.Save(output);
            cleaned[image.File] = new CleanedImage(image, path, output, result, watch.Elapsed);
        })).TimeoutAfter(TimeSpan.FromMinutes(10));
        Cleaned = cleaned;
    }

    public Task DisposeAsync()
    {
        Cleaner.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The corpus is generated and cleaned once for every test class that uses it.</summary>
[CollectionDefinition(Name)]
public sealed class CorpusCollection : ICollectionFixture<CorpusFixture>
{
    public const string Name = "Burned-in corpus";
}

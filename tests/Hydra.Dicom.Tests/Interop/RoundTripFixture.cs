using System.Text.Json.Nodes;
using Hydra.Dicom.Tests.Support;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Interop;

/// <summary>
/// Reads every readable corpus file, writes it back in its own transfer syntax into a temporary folder, and has
/// pydicom dump all written files in one run; the round-trip tests then check each file.
/// </summary>
public sealed class RoundTripFixture : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("hydra-roundtrip");

    /// <summary>Per corpus label: the written file's path, or the exception writing it raised.</summary>
    public Dictionary<string, string> Written { get; } = new(StringComparer.Ordinal);

    /// <summary>Per corpus label: what pydicom reads back from the written file.</summary>
    public Dictionary<string, JsonObject> PydicomOfWritten { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        foreach (var label in PydicomCorpusTests.ReadableLabels())
        {
            var file = DicomFile.Open(Pydicom.CorpusPath(label));
            var path = _folder.Combine(label.Replace('/', '_'));
            file.Save(path);
            Written[label] = path;
        }

        var labels = Written.Keys.ToList();
        var dumps = await Pydicom.DumpAsync(labels.Select(l => Written[l])).DefaultTimeout();
        for (var i = 0; i < labels.Count; i++)
        {
            PydicomOfWritten[labels[i]] = dumps[i];
        }
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

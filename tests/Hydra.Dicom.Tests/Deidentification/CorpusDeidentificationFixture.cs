using System.Text.Json.Nodes;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Tests.Interop;
using Hydra.Testing;
using Hydra.Testing.Pki;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>
/// De-identifies every readable file of pydicom's corpus (the officer as recipient) with the default profile, to see
/// what is quarantined, and again without the burned-in risk heuristic, so that as many outputs as possible are
/// written into a temporary folder and read by pydicom in one run.
/// </summary>
public sealed class CorpusDeidentificationFixture : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("hydra-deid-corpus");
    private readonly DevPkiFixture _pki = new();

    /// <summary>Per corpus label: the outcome under the default profile.</summary>
    public Dictionary<string, DeidentificationResult> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>Per corpus label: the outcome when only Burned In Annotation YES quarantines.</summary>
    public Dictionary<string, DeidentificationResult> Relaxed { get; } = new(StringComparer.Ordinal);

    /// <summary>Per corpus label de-identified under the relaxed profile: the written file.</summary>
    public Dictionary<string, string> Written { get; } = new(StringComparer.Ordinal);

    /// <summary>Per written file's label: what pydicom reads from it.</summary>
    public Dictionary<string, JsonObject> Pydicom { get; } = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        var deidentifier = TestSecrets.Deidentifier(_pki.Pki);
        foreach (var label in PydicomCorpusTests.ReadableLabels())
        {
            var input = DicomFile.Open(Support.Pydicom.CorpusPath(label));
            Results[label] = deidentifier.Deidentify(input, DeidentificationProfile.Default);
            var result = deidentifier.Deidentify(input, DeidentificationProfile.Default with
            {
                BurnedInAnnotation = BurnedInAnnotationPolicy.QuarantineOnlyWhenMarkedYes,
            });
            Relaxed[label] = result;
            if (!result.IsQuarantined)
            {
                var path = _folder.Combine(label.Replace('/', '_'));
                result.File.Save(path);
                Written[label] = path;
            }
        }

        var labels = Written.Keys.ToList();
        var dumps = await Support.Pydicom.DumpAsync(labels.Select(label => Written[label])).DefaultTimeout();
        for (var i = 0; i < labels.Count; i++)
        {
            Pydicom[labels[i]] = dumps[i];
        }
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        _pki.Dispose();
        return Task.CompletedTask;
    }
}

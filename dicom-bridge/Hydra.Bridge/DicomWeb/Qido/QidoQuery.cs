using Hydra.Dicom;

namespace Hydra.Bridge.DicomWeb.Qido;

/// <summary>
/// A parsed QIDO-RS query (PS3.18 8.3.4): the matching keys of each level as C-FIND identifiers, the attributes to
/// return, paging, and the Warning texts owed for parameters that were accepted but not honoured.
/// </summary>
internal sealed record QidoQuery(
    IReadOnlyDictionary<QidoLevel, DicomDataset> Keys,
    IReadOnlySet<DicomTag> KeyTags,
    bool IncludeAll,
    IReadOnlySet<DicomTag> IncludeFields,
    int? Limit,
    int Offset,
    IReadOnlyList<string> Warnings)
{
    /// <summary>The identifier for <paramref name="level"/>, or null when the query has no key there.</summary>
    public DicomDataset? KeysAt(QidoLevel level) => Keys.GetValueOrDefault(level);
}

using Hydra.Bridge.Storage;

namespace Hydra.Bridge.DicomWeb.Wado;

/// <summary>What a WADO-RS path names: a study, a series of it, or an instance of that series.</summary>
internal sealed record WadoTarget(string Study, string? Series = null, string? Instance = null)
{
    public string Level => Instance is not null ? "instance" : Series is not null ? "series" : "study";

    public string Uid => Instance ?? Series ?? Study;

    /// <summary>True when <paramref name="entry"/> lies under this target.</summary>
    public bool Holds(CatalogEntry entry) =>
        entry.StudyInstanceUid == Study &&
        (Series is null || entry.SeriesInstanceUid == Series) &&
        (Instance is null || entry.SopInstanceUid == Instance);

    /// <summary>The one 404 sentence for missing and forbidden alike (existence is not revealed to strangers).</summary>
    public string NotFound => $"No {Level} '{Uid}' that you may read.";

    /// <summary>400 when a UID of the path is not a DICOM UID.</summary>
    public IResult? CheckUids() => DicomWebPath.CheckUids(("study", Study), ("series", Series), ("instance", Instance));
}

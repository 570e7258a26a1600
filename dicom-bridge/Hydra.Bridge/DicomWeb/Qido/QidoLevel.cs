namespace Hydra.Bridge.DicomWeb.Qido;

/// <summary>The level a QIDO-RS search answers at (PS3.18 10.6.1): one result per study, series or instance.</summary>
internal enum QidoLevel
{
    Study,
    Series,
    Instance,
}

/// <summary>
/// One QIDO-RS resource (PS3.18 Table 10.6.1-2): the level, and the study and series the path fixes, if any.
/// </summary>
internal sealed record QidoScope(QidoLevel Level, string? StudyInstanceUid = null, string? SeriesInstanceUid = null)
{
    /// <summary>"studies", "series of a study", ... for messages and logs.</summary>
    public string Describe() => (Level, StudyInstanceUid, SeriesInstanceUid) switch
    {
        (QidoLevel.Study, _, _) => "studies",
        (QidoLevel.Series, null, _) => "series",
        (QidoLevel.Series, _, _) => "series of a study",
        (QidoLevel.Instance, null, _) => "instances",
        (QidoLevel.Instance, _, null) => "instances of a study",
        _ => "instances of a series",
    };
}

namespace Hydra.Dicom.Deidentification;

/// <summary>What happened to dates and times: the value written to Longitudinal Temporal Information Modified (0028,0303).</summary>
public enum LongitudinalTemporalInformation
{
    /// <summary>UNMODIFIED: the Full Dates option kept them.</summary>
    Unmodified,

    /// <summary>MODIFIED: the Modified Dates option shifted them.</summary>
    Modified,

    /// <summary>REMOVED: the basic profile removed them or replaced them with dummies.</summary>
    Removed,
}

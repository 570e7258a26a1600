namespace Hydra.Dicom.Deidentification;

/// <summary>How strongly common IODs require an attribute to be present (PS3.5 7.4 data element types).</summary>
internal enum AttributeRequirement : byte
{
    /// <summary>Type 3, or not known to be required by a common IOD: may be removed.</summary>
    Optional,

    /// <summary>Type 2 (or 2C) in a common IOD: must stay present, may be empty.</summary>
    Type2,

    /// <summary>Type 1 (or 1C) in a common IOD: must stay present with a value.</summary>
    Type1,
}

namespace Hydra.Dicom.Deidentification;

/// <summary>The action codes of PS3.15 Table E.1-1 (PS3.15 E.1.1, Table E.1-1a), as the table lists them.</summary>
internal enum ProfileAction : byte
{
    /// <summary>No entry in the column.</summary>
    None,

    /// <summary>D: replace with a non-zero-length value that may be a dummy value, consistent with the VR.</summary>
    D,

    /// <summary>Z: replace with a zero-length value, or a non-zero-length dummy value consistent with the VR.</summary>
    Z,

    /// <summary>X: remove.</summary>
    X,

    /// <summary>K: keep (unchanged for non-sequence attributes, cleaned for sequences).</summary>
    K,

    /// <summary>C: clean, i.e. replace with values of similar meaning known not to contain identifying information.</summary>
    C,

    /// <summary>U: replace with a non-zero-length UID that is internally consistent within a set of instances.</summary>
    U,

    /// <summary>Z/D: Z unless D is required to maintain IOD conformance (Type 2 versus Type 1).</summary>
    ZD,

    /// <summary>X/Z: X unless Z is required to maintain IOD conformance (Type 3 versus Type 2).</summary>
    XZ,

    /// <summary>X/D: X unless D is required to maintain IOD conformance (Type 3 versus Type 1).</summary>
    XD,

    /// <summary>X/Z/D: X unless Z or D is required to maintain IOD conformance (Type 3 versus Type 2 versus Type 1).</summary>
    XZD,

    /// <summary>X/Z/U*: X unless Z or replacement of contained instance UIDs (U) is required to maintain IOD conformance.</summary>
    XZU,
}

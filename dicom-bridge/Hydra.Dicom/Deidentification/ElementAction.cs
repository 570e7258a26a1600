namespace Hydra.Dicom.Deidentification;

/// <summary>What the de-identifier does to one element, once the table's code is resolved for its VR and the IOD.</summary>
internal enum ElementAction : byte
{
    /// <summary>Unchanged; a sequence's items are still processed.</summary>
    Keep,

    /// <summary>Removed (X).</summary>
    Remove,

    /// <summary>Zero-length value of the same VR; an empty sequence (Z).</summary>
    Empty,

    /// <summary>Dummy value of the VR (D); a sequence's items are processed, free text in them dummied or removed.</summary>
    Dummy,

    /// <summary>Cleaned (C): free text filtered, DA/DT shifted, UIDs mapped; a sequence's free text is cleaned too.</summary>
    Clean,

    /// <summary>UID values replaced by their keyed mapping (U), well-known ones excepted.</summary>
    ReplaceUid,
}

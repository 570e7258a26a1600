namespace Hydra.Dicom.Deidentification;

/// <summary>How many elements each action touched, at every depth (private ones counted apart).</summary>
/// <param name="Removed">Elements removed (X).</param>
/// <param name="Emptied">Elements given a zero-length value (Z).</param>
/// <param name="Dummied">Elements given a dummy value or the pseudonym (D).</param>
/// <param name="Cleaned">Free-text elements cleaned (C).</param>
/// <param name="UidsReplaced">UID values replaced by their keyed mapping (U).</param>
/// <param name="DatesShifted">DA and DT elements shifted.</param>
/// <param name="PrivateRemoved">Private elements and creators removed.</param>
/// <param name="PrivateKept">Private elements and creators kept by the Retain Safe Private Option.</param>
/// <param name="OriginalsRecorded">Top-level attributes whose original value went into the Modified Attributes Sequence.</param>
public sealed record DeidentificationCounts(
    int Removed,
    int Emptied,
    int Dummied,
    int Cleaned,
    int UidsReplaced,
    int DatesShifted,
    int PrivateRemoved,
    int PrivateKept,
    int OriginalsRecorded);

namespace Hydra.Dicom.Deidentification;

/// <summary>Counts actions while one image is processed.</summary>
internal sealed class ActionCounter
{
    public int Removed { get; set; }

    public int Emptied { get; set; }

    public int Dummied { get; set; }

    public int Cleaned { get; set; }

    public int UidsReplaced { get; set; }

    public int DatesShifted { get; set; }

    public int PrivateRemoved { get; set; }

    public int PrivateKept { get; set; }

    public DeidentificationCounts ToCounts(int originalsRecorded) =>
        new(Removed, Emptied, Dummied, Cleaned, UidsReplaced, DatesShifted, PrivateRemoved, PrivateKept, originalsRecorded);
}

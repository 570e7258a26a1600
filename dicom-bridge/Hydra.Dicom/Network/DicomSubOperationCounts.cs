namespace Hydra.Dicom.Network;

/// <summary>Sub-operation counts of C-GET and C-MOVE responses (PS3.7 9.1.3, 9.1.4; (0000,1020)-(0000,1023)).</summary>
public readonly record struct DicomSubOperationCounts(int Remaining, int Completed, int Failed, int Warning);

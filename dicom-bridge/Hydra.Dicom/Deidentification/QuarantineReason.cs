namespace Hydra.Dicom.Deidentification;

/// <summary>Why an image went to quarantine. <see cref="Detail"/> names tags and rules, never a value.</summary>
public sealed record QuarantineReason(QuarantineCode Code, string Detail);

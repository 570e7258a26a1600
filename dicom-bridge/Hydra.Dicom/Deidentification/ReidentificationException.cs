namespace Hydra.Dicom.Deidentification;

/// <summary>Re-identification failed: no encrypted originals, not encrypted for this key, or not decodable.</summary>
public sealed class ReidentificationException : DicomException
{
    public ReidentificationException()
    {
    }

    public ReidentificationException(string message)
        : base(message)
    {
    }

    public ReidentificationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

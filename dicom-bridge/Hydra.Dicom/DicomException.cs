namespace Hydra.Dicom;

/// <summary>Base of the domain errors of Hydra.Dicom: input or state that DICOM does not allow.</summary>
public class DicomException : Exception
{
    public DicomException()
    {
    }

    public DicomException(string message)
        : base(message)
    {
    }

    public DicomException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

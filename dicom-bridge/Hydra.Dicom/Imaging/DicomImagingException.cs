namespace Hydra.Dicom.Imaging;

/// <summary>
/// Pixel data this library cannot render or cut into frames (a photometric interpretation, bit depth or compressed
/// transfer syntax it does not handle, or attributes that contradict the data); the message names which, never a value
/// that could identify anyone.
/// </summary>
public sealed class DicomImagingException : Exception
{
    public DicomImagingException()
    {
    }

    public DicomImagingException(string message)
        : base(message)
    {
    }

    public DicomImagingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

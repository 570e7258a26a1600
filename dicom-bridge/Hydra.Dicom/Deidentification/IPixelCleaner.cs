namespace Hydra.Dicom.Deidentification;

/// <summary>
/// Finds text burned into an original's pixels and blanks it (PS3.15 E.3.1 Clean Pixel Data), whatever Burned In
/// Annotation (0028,0301) says, or says why the image cannot be cleaned safely. Implementations are thread-safe: the
/// de-identifier calls one from every ingest at once.
/// </summary>
public interface IPixelCleaner
{
    /// <summary>
    /// Scans every frame of <paramref name="original"/> (which is not changed) and returns its cleaned pixel data with
    /// the regions blanked, or a quarantine reason. An original without Pixel Data (7FE0,0010) comes back
    /// <see cref="PixelCleaning.NoPixelData"/>.
    /// </summary>
    PixelCleaning Clean(DicomFile original, CancellationToken cancellationToken);
}

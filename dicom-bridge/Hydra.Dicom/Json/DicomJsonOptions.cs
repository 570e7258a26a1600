namespace Hydra.Dicom.Json;

/// <summary>
/// How <see cref="DicomJsonWriter"/> writes binary values (OB OD OF OL OV OW UN and encapsulated pixel data).
/// </summary>
/// <param name="BulkDataUri">
/// Gives the <c>BulkDataURI</c> (PS3.18 F.2.6) for a non-empty binary element of the top-level data set, by its tag;
/// null (or no callback) writes the value inline. Binary elements inside sequence items are always written inline:
/// a tag alone cannot address them, and they are small in practice (icons, LUT fragments).
/// </param>
/// <param name="InlineBinaryMaxBytes">
/// Values of at most this many bytes are written inline even when <paramref name="BulkDataUri"/> offers a URI, so a
/// client need not make a round trip for a two-byte version number; 0 sends every offered value by URI.
/// </param>
public sealed record DicomJsonOptions(Func<DicomTag, string?>? BulkDataUri = null, int InlineBinaryMaxBytes = 0);

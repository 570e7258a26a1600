namespace Hydra.Dicom.Deidentification;

/// <summary>
/// Re-identification per PS3.15 E.1.2: decrypts the Encrypted Attributes Sequence with an officer's key and puts the
/// original attributes back, replacing the dummies; the attributes that record de-identification are removed.
/// </summary>
public static class DicomReidentifier
{
    /// <summary>
    /// A new file holding <paramref name="deidentified"/>'s data set with the original values restored (the input is
    /// not changed). Attributes the de-identifier added where the original had none (a pseudonymous Patient ID for an
    /// image without one) stay. Throws <see cref="ReidentificationException"/> when the file has no encrypted originals
    /// for <paramref name="key"/>.
    /// </summary>
    public static DicomFile Reidentify(DicomFile deidentified, ReidentificationKey key)
    {
        ArgumentNullException.ThrowIfNull(deidentified);
        ArgumentNullException.ThrowIfNull(key);
        var originals = EncryptedAttributes.Open(deidentified.Dataset, key);
        var restored = deidentified.Dataset.Clone();
        foreach (var tag in DeidentificationRecord.AddedTags)
        {
            restored.Remove(tag);
        }

        restored.Remove(new DicomTag(0x0400, 0x0500));
        foreach (var element in originals)
        {
            restored.Set(element.Clone());
        }

        return new DicomFile(restored, deidentified.TransferSyntax);
    }
}

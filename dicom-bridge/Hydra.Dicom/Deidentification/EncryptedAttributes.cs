using Hydra.Dicom.Dictionary;
using Hydra.Dicom.IO;

namespace Hydra.Dicom.Deidentification;

/// <summary>
/// The Encrypted Attributes Sequence (0400,0500) of PS3.15 E.1.1 step 4 and PS3.3 C.12.1.1.4.1: one item holding
/// Encrypted Content Transfer Syntax UID (0400,0510) = Explicit VR Little Endian and Encrypted Content (0400,0520) =
/// CMS EnvelopedData of the Explicit VR Little Endian encoding of a Modified Attributes Sequence (0400,0550) with a
/// single item: the original values of every attribute that was removed or replaced. The encoded bytes are the one
/// element (0400,0550), which is what gdcm reads back (`gdcmanon -d` parses a single data element).
/// </summary>
internal static class EncryptedAttributes
{
    private static readonly DicomTag EncryptedContentTransferSyntaxUid = new(0x0400, 0x0510);
    private static readonly DicomTag EncryptedContent = new(0x0400, 0x0520);

    /// <summary>The sequence protecting <paramref name="originals"/> for the envelope's recipients.</summary>
    public static DicomSequence Create(DicomDataset originals, CmsEnvelope envelope)
    {
        var modified = new DicomDataset();
        modified.SetSequence(DicomTags.ModifiedAttributesSequence, originals);
        var encoded = DicomDatasetWriter.Encode(modified, DicomTransferSyntax.ExplicitVRLittleEndian);
        var item = new DicomDataset();
        item.SetString(EncryptedContentTransferSyntaxUid, DicomVR.UI, DicomTransferSyntax.ExplicitVRLittleEndian.Uid);
        item.SetBytes(EncryptedContent, DicomVR.OB, envelope.Encrypt(encoded));
        return new DicomSequence(DicomTags.EncryptedAttributesSequence, item);
    }

    /// <summary>
    /// The original attributes (the single Modified Attributes item) from the first item of (0400,0500) that
    /// <paramref name="key"/> opens. Throws <see cref="ReidentificationException"/> naming what is missing or wrong.
    /// </summary>
    public static DicomDataset Open(DicomDataset dataset, ReidentificationKey key)
    {
        var sequence = dataset.GetSequence(DicomTags.EncryptedAttributesSequence)
            ?? throw new ReidentificationException("(0400,0500) Encrypted Attributes Sequence is absent: nothing to re-identify from.");
        foreach (var item in sequence.Items)
        {
            if (item.GetBytes(EncryptedContent) is { IsEmpty: false } content && Decrypt(content.ToArray(), key) is { } plain)
            {
                var syntax = item.GetString(EncryptedContentTransferSyntaxUid) is { Length: > 0 } uid
                    ? DicomTransferSyntax.Lookup(uid)
                    : DicomTransferSyntax.ExplicitVRLittleEndian;
                return SingleItem(DicomDatasetReader.Read(plain, syntax));
            }
        }

        throw new ReidentificationException("No item of (0400,0500) Encrypted Attributes Sequence is encrypted for this certificate.");
    }

    private static byte[]? Decrypt(byte[] content, ReidentificationKey key)
    {
        try
        {
            return CmsEnvelope.Decrypt(content, key);
        }
        catch (Exception e) when (e is Org.BouncyCastle.Cms.CmsException or IOException or ArgumentException)
        {
            throw new ReidentificationException("(0400,0520) Encrypted Content could not be decrypted with this key.", e);
        }
    }

    private static DicomDataset SingleItem(DicomDataset decoded)
    {
        var items = decoded.GetSequence(DicomTags.ModifiedAttributesSequence)?.Items;
        return items is [var only]
            ? only
            : throw new ReidentificationException("The decrypted content is not a Modified Attributes Sequence (0400,0550) with a single item.");
    }
}

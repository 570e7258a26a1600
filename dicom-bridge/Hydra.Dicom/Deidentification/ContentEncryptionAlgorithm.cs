namespace Hydra.Dicom.Deidentification;

/// <summary>
/// Content encryption of the Encrypted Attributes Sequence's CMS (PS3.15 E.1.1 allows AES of any RFC 3565 key length
/// or Triple DES). All three are CBC, which `gdcmanon -d` and every CMS reader accept.
/// </summary>
public enum ContentEncryptionAlgorithm
{
    /// <summary>AES-256-CBC (id-aes256-CBC, RFC 3565). The default.</summary>
    Aes256Cbc,

    /// <summary>AES-192-CBC.</summary>
    Aes192Cbc,

    /// <summary>AES-128-CBC.</summary>
    Aes128Cbc,
}

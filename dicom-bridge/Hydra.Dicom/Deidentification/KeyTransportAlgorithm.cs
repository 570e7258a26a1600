namespace Hydra.Dicom.Deidentification;

/// <summary>How the content-encryption key is wrapped for each re-identification certificate (RSA key transport).</summary>
public enum KeyTransportAlgorithm
{
    /// <summary>RSAES-OAEP with SHA-256 and MGF1-SHA-256 (RFC 8017, RFC 4055). The default.</summary>
    RsaOaepSha256,

    /// <summary>RSAES-PKCS1-v1_5 (RFC 2313), for re-identifiers that predate OAEP.</summary>
    RsaPkcs1V15,
}

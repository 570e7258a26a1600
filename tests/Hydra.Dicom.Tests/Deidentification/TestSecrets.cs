using System.Security.Cryptography.X509Certificates;
using Hydra.CertsDev;
using Hydra.Dicom.Deidentification;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>Fixed bridge secrets and option builders for the de-identification tests.</summary>
internal static class TestSecrets
{
    /// <summary>A fixed 32-byte secret, so that keyed outputs are the same on every run.</summary>
    public static byte[] Secret { get; } = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    /// <summary>Another fixed secret.</summary>
    public static byte[] OtherSecret { get; } = [.. Enumerable.Range(101, 32).Select(i => (byte)i)];

    /// <summary>A de-identifier under <paramref name="secret"/>, encrypting for the PKI's officer when one is given.</summary>
    public static DicomDeidentifier Deidentifier(DevPki? pki = null, byte[]? secret = null,
        KeyTransportAlgorithm keyTransport = KeyTransportAlgorithm.RsaOaepSha256, IPixelCleaner? cleaner = null)
    {
        var options = new DeidentificationOptions { BridgeSecret = secret ?? Secret, KeyTransport = keyTransport };
        if (pki is not null)
        {
            options.ReidentificationRecipients.Add(X509Certificate2.CreateFromPem(File.ReadAllText(Officer(pki).CertificatePath)));
        }

        return new DicomDeidentifier(options, cleaner);
    }

    /// <summary>The officer's credential: the re-identification recipient.</summary>
    public static UserCredential Officer(DevPki pki) => pki.User(DevUser.Officer);

    /// <summary>The officer's key for re-identification.</summary>
    public static ReidentificationKey OfficerKey(DevPki pki) =>
        ReidentificationKey.FromPemFiles(Officer(pki).CertificatePath, Officer(pki).KeyPath);
}

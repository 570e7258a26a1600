using System.Security.Cryptography.X509Certificates;

namespace Hydra.Dicom.Deidentification;

/// <summary>
/// Configuration of the bridge's de-identifier (options pattern): the secret behind every keyed mapping, the officers
/// who alone can re-identify, and a profile per source. Checked by <see cref="Validate"/> when a
/// <see cref="DicomDeidentifier"/> is made from it.
/// </summary>
public sealed class DeidentificationOptions
{
    /// <summary>The shortest bridge secret accepted, in bytes (256 bits).</summary>
    public const int MinSecretLength = 32;

    /// <summary>
    /// The bridge secret: the HMAC-SHA-256 key of the UID mapping, the patient pseudonym and the date shift. Required,
    /// at least <see cref="MinSecretLength"/> bytes, no default. Keep it constant: a new secret gives new UIDs and
    /// pseudonyms, so later images no longer join earlier studies and patients.
    /// </summary>
    public byte[] BridgeSecret { get; set; } = [];

    /// <summary>
    /// The re-identification officers' certificates (RSA): the original values go, encrypted for them alone, into the
    /// Encrypted Attributes Sequence (0400,0500). Default none, in which case no such sequence is written and the
    /// de-identification cannot be reversed.
    /// </summary>
    public IList<X509Certificate2> ReidentificationRecipients { get; } = [];

    /// <summary>Content encryption of the Encrypted Attributes. Default <see cref="ContentEncryptionAlgorithm.Aes256Cbc"/>.</summary>
    public ContentEncryptionAlgorithm ContentEncryption { get; set; } = ContentEncryptionAlgorithm.Aes256Cbc;

    /// <summary>Key transport for each recipient. Default <see cref="KeyTransportAlgorithm.RsaOaepSha256"/>.</summary>
    public KeyTransportAlgorithm KeyTransport { get; set; } = KeyTransportAlgorithm.RsaOaepSha256;

    /// <summary>
    /// The start of every patient pseudonym, written to Patient ID and Patient's Name. Default "HYD-"; at most 16
    /// characters of A-Z, 0-9 and '-'.
    /// </summary>
    public string PseudonymPrefix { get; set; } = "HYD-";

    /// <summary>The profile for sources without one of their own. Default <see cref="DeidentificationProfile.Default"/>.</summary>
    public DeidentificationProfile DefaultProfile { get; set; } = DeidentificationProfile.Default;

    /// <summary>Profiles per source (the sender's AE title for DIMSE), compared exactly. Default none.</summary>
    public IDictionary<string, DeidentificationProfile> SourceProfiles { get; } =
        new Dictionary<string, DeidentificationProfile>(StringComparer.Ordinal);

    /// <summary>The profile for <paramref name="source"/>: its own, or <see cref="DefaultProfile"/>.</summary>
    public DeidentificationProfile ProfileFor(string? source) =>
        source is not null && SourceProfiles.TryGetValue(source.Trim(), out var profile) ? profile : DefaultProfile;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is not allowed.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(BridgeSecret);
        if (BridgeSecret.Length < MinSecretLength)
        {
            throw new ArgumentException($"BridgeSecret must hold at least {MinSecretLength} bytes.", nameof(BridgeSecret));
        }

        if (PseudonymPrefix is null || PseudonymPrefix.Length > 16
            || PseudonymPrefix.Any(c => !char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c) && c != '-'))
        {
            throw new ArgumentException("PseudonymPrefix must be at most 16 characters of A-Z, 0-9 and '-'.", nameof(PseudonymPrefix));
        }

        if (!Enum.IsDefined(ContentEncryption) || !Enum.IsDefined(KeyTransport))
        {
            throw new ArgumentException("ContentEncryption or KeyTransport is not a known algorithm.", nameof(ContentEncryption));
        }

        foreach (var certificate in ReidentificationRecipients)
        {
            ArgumentNullException.ThrowIfNull(certificate, nameof(ReidentificationRecipients));
            using var key = certificate.GetRSAPublicKey();
            if (key is null)
            {
                throw new ArgumentException(
                    $"Re-identification certificate '{certificate.Subject}' has no RSA key.", nameof(ReidentificationRecipients));
            }
        }

        ArgumentNullException.ThrowIfNull(DefaultProfile);
        DefaultProfile.Validate();
        foreach (var (source, profile) in SourceProfiles)
        {
            ArgumentNullException.ThrowIfNull(profile, source);
            profile.Validate();
        }
    }
}

using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Deidentification;

/// <summary>
/// The de-identifier of PS3.15 Annex E: one call per image, returning the de-identified file with a report, or a
/// quarantine outcome. Stateless between calls (every mapping is keyed by the bridge secret), so it is safe to share
/// across threads and gives the same UIDs and pseudonyms for the same input on every call, in every process.
/// </summary>
public sealed class DicomDeidentifier
{
    private readonly KeyedMapping _mapping;
    private readonly string _pseudonymPrefix;
    private readonly DeidentificationProfile _defaultProfile;
    private readonly Dictionary<string, DeidentificationProfile> _sourceProfiles;
    private readonly CmsEnvelope? _envelope;

    /// <summary>
    /// Validates <paramref name="options"/> (see <see cref="DeidentificationOptions.Validate"/>) and takes a snapshot:
    /// later changes to the options object do not reach this de-identifier.
    /// </summary>
    public DicomDeidentifier(DeidentificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _mapping = new KeyedMapping([.. options.BridgeSecret]);
        _pseudonymPrefix = options.PseudonymPrefix;
        _defaultProfile = options.DefaultProfile;
        _sourceProfiles = new Dictionary<string, DeidentificationProfile>(options.SourceProfiles, StringComparer.Ordinal);
        _envelope = options.ReidentificationRecipients.Count > 0
            ? new CmsEnvelope(options.ReidentificationRecipients, options.ContentEncryption, options.KeyTransport)
            : null;
    }

    /// <summary>De-identifies <paramref name="input"/> with the profile configured for <paramref name="source"/>.</summary>
    public DeidentificationResult Deidentify(DicomFile input, string? source) => Deidentify(input, ProfileOf(source));

    /// <summary>
    /// What the images of one patient from <paramref name="source"/> get: the pseudonym written as Patient ID and the
    /// date offset in days (null when that source's profile does not shift dates), from the same keyed mapping as
    /// <see cref="Deidentify(DicomFile, string?)"/>, so a signed-in patient can be matched to their images without the
    /// bridge keeping any identifier.
    /// </summary>
    /// <param name="issuerOfPatientId">Issuer of Patient ID (0010,0021); empty for the source's default issuer.</param>
    /// <param name="patientId">The hospital's Patient ID (0010,0020).</param>
    public PatientMapping MapPatient(string issuerOfPatientId, string patientId, string? source)
    {
        ArgumentNullException.ThrowIfNull(issuerOfPatientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        var profile = ProfileOf(source);
        var identity = PatientIdentity.Named(issuerOfPatientId, patientId, profile.DefaultIssuerOfPatientId);
        int? offset = TemporalInformation(source) == LongitudinalTemporalInformation.Modified
            ? _mapping.DateOffsetDays(identity.Issuer, identity.Id, profile.MaxDateShiftDays)
            : null;
        return new PatientMapping(_mapping.Pseudonym(_pseudonymPrefix, identity.Issuer, identity.Id), offset);
    }

    /// <summary>What the profile of <paramref name="source"/> does to dates: shift, keep or remove them.</summary>
    public LongitudinalTemporalInformation TemporalInformation(string? source) =>
        DeidentificationRecord.TemporalInformation(ProfileOf(source).Options);

    private DeidentificationProfile ProfileOf(string? source) =>
        source is not null && _sourceProfiles.TryGetValue(source.Trim(), out var profile) ? profile : _defaultProfile;

    /// <summary>
    /// De-identifies <paramref name="input"/> (which is not changed; the result shares its unchanged values, e.g.
    /// pixel data) under <paramref name="profile"/>. Images with burned-in text risk, recognisable features, no SOP
    /// Class or Instance UID, or text that cannot be encoded are quarantined; the reason names tags, never values.
    /// </summary>
    public DeidentificationResult Deidentify(DicomFile input, DeidentificationProfile profile)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(profile);
        profile.Validate();
        var dataset = input.Dataset;
        if (string.IsNullOrWhiteSpace(dataset.GetString(DicomTags.SOPClassUID))
            || string.IsNullOrWhiteSpace(dataset.GetString(DicomTags.SOPInstanceUID)))
        {
            return DeidentificationResult.Quarantined(new QuarantineReason(QuarantineCode.MissingRequiredAttribute,
                "(0008,0016) SOP Class UID or (0008,0018) SOP Instance UID is missing or empty."));
        }

        if (BurnedInAnnotationCheck.Check(dataset, profile.BurnedInAnnotation) is { } risk)
        {
            return DeidentificationResult.Quarantined(risk);
        }

        try
        {
            return new DeidentificationSession(profile, _mapping, _pseudonymPrefix, _envelope).Run(input);
        }
        catch (DicomException e)
        {
            // Codec errors name tags and offsets, never values (Hydra.Dicom's rule), so the message may travel.
            return DeidentificationResult.Quarantined(new QuarantineReason(QuarantineCode.InvalidDataset, e.Message));
        }
    }
}

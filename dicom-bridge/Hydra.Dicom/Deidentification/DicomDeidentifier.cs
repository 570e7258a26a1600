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
    private readonly IPixelCleaner? _pixelCleaner;

    /// <summary>
    /// Validates <paramref name="options"/> (see <see cref="DeidentificationOptions.Validate"/>) and takes a snapshot:
    /// later changes to the options object do not reach this de-identifier.
    /// </summary>
    /// <param name="pixelCleaner">
    /// Scans every image's pixels for burned-in text and blanks it (PS3.15 E.3.1), whatever (0028,0301) says; null
    /// leaves pixels unscanned, and images the profile's <see cref="BurnedInAnnotationPolicy"/> deems at risk go to
    /// quarantine instead.
    /// </param>
    public DicomDeidentifier(DeidentificationOptions options, IPixelCleaner? pixelCleaner = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _mapping = new KeyedMapping([.. options.BridgeSecret]);
        _pseudonymPrefix = options.PseudonymPrefix;
        _defaultProfile = options.DefaultProfile;
        _sourceProfiles = new Dictionary<string, DeidentificationProfile>(options.SourceProfiles, StringComparer.Ordinal);
        _pixelCleaner = pixelCleaner;
        _envelope = options.ReidentificationRecipients.Count > 0
            ? new CmsEnvelope(options.ReidentificationRecipients, options.ContentEncryption, options.KeyTransport)
            : null;
    }

    /// <summary>De-identifies <paramref name="input"/> with the profile configured for <paramref name="source"/>.</summary>
    public DeidentificationResult Deidentify(DicomFile input, string? source, CancellationToken cancellationToken = default) =>
        Deidentify(input, ProfileOf(source), cancellationToken);

    /// <summary>
    /// What the images of one patient from <paramref name="source"/> get: the pseudonym written as Patient ID and the
    /// date offset in days (null when that source's profile does not shift dates), from the same keyed mapping as
    /// <see cref="Deidentify(DicomFile, string?, CancellationToken)"/>, so a signed-in patient can be matched to their images without the
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

    // Pixels that cannot be scanned here (compressed, say) go out unscanned only from a source the site trusts never to
    // burn in text (QuarantineOnlyWhenMarkedYes), and not when the image itself says YES: as without a cleaner. The
    // output then claims no cleaning (no 113101, (0028,0301) as sent).
    private static bool TrustedUnscanned(PixelCleaning pixels, DicomDataset dataset, DeidentificationProfile profile) =>
        pixels.Quarantine?.Code == QuarantineCode.PixelDataNotScannable
        && profile.BurnedInAnnotation == BurnedInAnnotationPolicy.QuarantineOnlyWhenMarkedYes
        && BurnedInAnnotationCheck.Check(dataset, profile.BurnedInAnnotation) is null;

    private DeidentificationProfile ProfileOf(string? source) =>
        source is not null && _sourceProfiles.TryGetValue(source.Trim(), out var profile) ? profile : _defaultProfile;

    /// <summary>
    /// De-identifies <paramref name="input"/> (which is not changed; the result shares its unchanged values, e.g.
    /// pixel data) under <paramref name="profile"/>. Images with recognisable features, no SOP Class or Instance UID,
    /// text that cannot be encoded, burned-in text that cannot be cleaned (or, without a pixel cleaner, burned-in text
    /// risk) are quarantined; the reason names tags and rules, never values.
    /// </summary>
    public DeidentificationResult Deidentify(DicomFile input, DeidentificationProfile profile, CancellationToken cancellationToken = default) =>
        Deidentify(input, profile, decided: null, cancellationToken);

    /// <summary>
    /// De-identifies <paramref name="input"/> with the profile of <paramref name="source"/> but with its pixels already
    /// decided: <paramref name="pixels"/> is taken instead of scanning them or judging (0028,0301) and (0028,0302).
    /// With <see cref="PixelCleaning.ReleasedByOfficer"/> the headers are de-identified and the pixels go out as they
    /// are: Burned In Annotation stays as the original says and no Clean Pixel Data code is recorded.
    /// </summary>
    public DeidentificationResult Deidentify(DicomFile input, string? source, PixelCleaning pixels, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        return Deidentify(input, ProfileOf(source), pixels, cancellationToken);
    }

    private DeidentificationResult Deidentify(DicomFile input, DeidentificationProfile profile, PixelCleaning? decided, CancellationToken cancellationToken)
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

        // Pixels decided by the caller (an officer looked at them) are judged by neither the cleaner nor the header policy.
        var pixels = decided;
        if (pixels is null && _pixelCleaner is not null && dataset[DicomTags.PixelData] is not null)
        {
            if (BurnedInAnnotationCheck.CheckVisualFeatures(dataset) is { } features)
            {
                return DeidentificationResult.Quarantined(features);
            }

            try
            {
                pixels = _pixelCleaner.Clean(input, cancellationToken);
            }
            catch (DicomException e)
            {
                // An image attribute the cleaner needs (Rows, Bits Allocated...) that does not decode: as for the headers below.
                return DeidentificationResult.Quarantined(new QuarantineReason(QuarantineCode.InvalidDataset, e.Message));
            }

            if (pixels.IsQuarantined && TrustedUnscanned(pixels, dataset, profile))
            {
                pixels = null;
            }
        }
        else if (pixels is null && BurnedInAnnotationCheck.Check(dataset, profile.BurnedInAnnotation) is { } risk)
        {
            // Without pixels to scan (an encapsulated document, say) or a cleaner, the header decides.
            return DeidentificationResult.Quarantined(risk);
        }

        if (pixels is { IsQuarantined: true })
        {
            return DeidentificationResult.Quarantined(pixels.Quarantine, pixels.Regions);
        }

        try
        {
            return new DeidentificationSession(profile, _mapping, _pseudonymPrefix, _envelope).Run(input, pixels);
        }
        catch (DicomException e)
        {
            // Codec errors name tags and offsets, never values (Hydra.Dicom's rule), so the message may travel.
            return DeidentificationResult.Quarantined(new QuarantineReason(QuarantineCode.InvalidDataset, e.Message));
        }
    }
}

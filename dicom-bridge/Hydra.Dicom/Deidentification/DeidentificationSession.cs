using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Deidentification;

/// <summary>
/// De-identifies one data set (PS3.15 E.1.1): walks its elements, records the original of every top-level attribute it
/// removes or replaces, writes the pseudonym and the de-identification record, and encrypts the originals.
/// </summary>
internal sealed class DeidentificationSession
{
    private readonly DeidentificationProfile _profile;
    private readonly KeyedMapping _mapping;
    private readonly string _pseudonymPrefix;
    private readonly CmsEnvelope? _envelope;
    private readonly ActionCounter _counter = new();

    public DeidentificationSession(DeidentificationProfile profile, KeyedMapping mapping, string pseudonymPrefix, CmsEnvelope? envelope)
    {
        _profile = profile;
        _mapping = mapping;
        _pseudonymPrefix = pseudonymPrefix;
        _envelope = envelope;
    }

    /// <param name="pixels">What cleaning the pixels found; null when they were not scanned (no cleaner configured).</param>
    public DeidentificationResult Run(DicomFile input, PixelCleaning? pixels)
    {
        var source = input.Dataset;
        var identity = PatientIdentity.Of(source, _profile.DefaultIssuerOfPatientId);
        var pseudonym = _mapping.Pseudonym(_pseudonymPrefix, identity.Issuer, identity.Id);
        int? offset = (_profile.Options & ConfidentialityOptions.RetainLongitudinalModifiedDates) != 0
            ? _mapping.DateOffsetDays(identity.Issuer, identity.Id, _profile.MaxDateShiftDays)
            : null;
        var uids = new UidMapper(_mapping, _counter);
        var walker = new DatasetWalker(new ActionResolver(_profile.Options), uids, _counter,
            (_profile.Options & ConfidentialityOptions.RetainSafePrivate) != 0, offset);

        var output = new DicomDataset();
        var originals = new DicomDataset();
        var keptPrivate = walker.KeptPrivateTags(source);
        foreach (var element in source)
        {
            var processed = walker.Process(element, FreeTextMode.Strict, keptPrivate);
            if (!ReferenceEquals(processed, element) && !element.Tag.IsGroupLength)
            {
                originals.Set(element);
            }

            if (processed is not null)
            {
                output.Set(processed);
            }
        }

        RemoveOverlaysWithoutData(source, output, originals);
        Replace(source, output, originals, DicomTags.PatientID, pseudonym);
        Replace(source, output, originals, DicomTags.PatientName, pseudonym);
        foreach (var tag in DeidentificationRecord.AddedTags)
        {
            if (source[tag] is { } original)
            {
                originals.Set(original);
            }
        }

        var pixelsCleaned = pixels is { WasScanned: true };
        if (pixelsCleaned)
        {
            ApplyCleanPixels(source, output, originals, pixels!);
        }

        DeidentificationRecord.Write(output, _profile.Options, pixelsCleaned);
        if (_envelope is not null)
        {
            // The originals keep their own repertoire: (0008,0005) travels with them so they decode, and restore, as they were.
            if (source[DicomTags.SpecificCharacterSet] is { } characterSet)
            {
                originals.Set(characterSet);
            }

            output.Set(EncryptedAttributes.Create(originals, _envelope));
        }

        var report = new DeidentificationReport
        {
            SopInstanceUid = output.GetString(DicomTags.SOPInstanceUID) ?? string.Empty,
            StudyInstanceUid = output.GetString(DicomTags.StudyInstanceUID),
            SeriesInstanceUid = output.GetString(DicomTags.SeriesInstanceUID),
            PatientPseudonym = pseudonym,
            DateOffsetDays = offset,
            TemporalInformation = DeidentificationRecord.TemporalInformation(_profile.Options),
            Options = _profile.Options,
            ReidentificationRecipients = _envelope?.RecipientCount ?? 0,
            Counts = _counter.ToCounts(originals.Count),
            PixelsCleaned = pixelsCleaned,
            PixelRegions = pixelsCleaned ? pixels!.Regions : [],
        };
        return DeidentificationResult.Deidentified(new DicomFile(output, input.TransferSyntax), report);
    }

    // Clean Pixel Data (PS3.15 E.3.1): the blanked pixels replace the original's, and only now may (0028,0301) say NO.
    // The original pixels are not kept among the encrypted originals: re-identification restores attributes, not text
    // that was burned in.
    private static void ApplyCleanPixels(DicomDataset source, DicomDataset output, DicomDataset originals, PixelCleaning pixels)
    {
        if (pixels.PixelData is { } cleaned && source[DicomTags.PixelData] is { } original)
        {
            output.Set(new DicomValueElement(DicomTags.PixelData, original.VR, cleaned));
        }

        if (source[DicomTags.BurnedInAnnotation] is { } burnedIn)
        {
            originals.Set(burnedIn);
        }

        output.SetString(DicomTags.BurnedInAnnotation, "NO");
    }

    // An overlay whose Overlay Data (60xx,3000) went (PS3.3 C.9.2: Type 1) goes whole, rather than leave a plane without bits.
    private void RemoveOverlaysWithoutData(DicomDataset source, DicomDataset output, DicomDataset originals)
    {
        for (ushort group = 0x6000; group <= 0x601E; group += 2)
        {
            var data = new DicomTag(group, 0x3000);
            if (!source.Contains(data) || output.Contains(data))
            {
                continue;
            }

            foreach (var element in source.Where(e => e.Tag.Group == group && !e.Tag.IsGroupLength).ToList())
            {
                if (output.Remove(element.Tag))
                {
                    originals.Set(element);
                    _counter.Removed++;
                }
            }
        }
    }

    private void Replace(DicomDataset source, DicomDataset output, DicomDataset originals, DicomTag tag, string pseudonym)
    {
        if (source[tag] is { } original)
        {
            originals.Set(original);
        }

        output.SetString(tag, pseudonym);
        _counter.Dummied++;
    }
}

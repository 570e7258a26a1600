namespace Hydra.Dicom.Deidentification;

/// <summary>
/// Resolves the action for one public element: its Table E.1-1 row under the profile's options, with combined codes
/// settled by <see cref="IodAttributeTypes"/>; or, for attributes the table does not list, the whitelist rules: coded
/// and numeric VRs kept, UIDs mapped, dates handled as the table handles dates, free text removed unless known safe.
/// </summary>
internal sealed class ActionResolver
{
    private readonly ConfidentialityOptions _options;

    public ActionResolver(ConfidentialityOptions options)
    {
        _options = options;
    }

    public ElementAction Resolve(DicomElement element, FreeTextMode mode)
    {
        var tag = element.Tag;

        // Another de-identifier's encrypted originals: readable by whoever holds its key, so never passed on.
        if (tag.Value == 0x04000500)
        {
            return ElementAction.Remove;
        }

        return ConfidentialityProfileTable.Find(tag) is { } row
            ? FromCode(row.ActionFor(_options), element)
            : ForUnlisted(element, mode);
    }

    private static ElementAction FromCode(ProfileAction code, DicomElement element)
    {
        var requirement = IodAttributeTypes.Of(element.Tag);
        return code switch
        {
            ProfileAction.K => ElementAction.Keep,
            ProfileAction.X => ElementAction.Remove,
            ProfileAction.Z => ElementAction.Empty,
            ProfileAction.D => ElementAction.Dummy,
            ProfileAction.C => ElementAction.Clean,
            ProfileAction.U => element.VR == DicomVR.SQ ? ElementAction.Keep : ElementAction.ReplaceUid,
            ProfileAction.ZD => requirement == AttributeRequirement.Type1 ? ElementAction.Dummy : ElementAction.Empty,
            ProfileAction.XZ => requirement == AttributeRequirement.Optional ? ElementAction.Remove : ElementAction.Empty,
            ProfileAction.XD => requirement == AttributeRequirement.Optional ? ElementAction.Remove : ElementAction.Dummy,
            ProfileAction.XZD => requirement switch
            {
                AttributeRequirement.Type1 => ElementAction.Dummy,
                AttributeRequirement.Type2 => ElementAction.Empty,
                _ => ElementAction.Remove,
            },

            // Referenced/Source Image Sequence: kept so references survive, their instance UIDs mapped like their targets.
            ProfileAction.XZU => ElementAction.Keep,
            _ => ElementAction.Remove,
        };
    }

    private ElementAction ForUnlisted(DicomElement element, FreeTextMode mode)
    {
        switch (element.VR)
        {
            case DicomVR.SQ:
                return ElementAction.Keep;
            case DicomVR.UI:
                return Has(ConfidentialityOptions.RetainUids) || UidRules.IsDefinitionAttribute(element.Tag)
                    ? ElementAction.Keep
                    : ElementAction.ReplaceUid;
            case DicomVR.DA or DicomVR.DT or DicomVR.TM:
                return Has(ConfidentialityOptions.RetainLongitudinalFullDates) ? ElementAction.Keep
                    : Has(ConfidentialityOptions.RetainLongitudinalModifiedDates) ? ElementAction.Clean
                    : ByRequirement(element.Tag);
            case DicomVR.AE or DicomVR.AS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST
                or DicomVR.UC or DicomVR.UR or DicomVR.UT:
                return SafeTextAttributes.Contains(element.Tag) ? ElementAction.Keep
                    : mode == FreeTextMode.Clean && element.VR != DicomVR.PN ? ElementAction.Clean
                    : ByRequirement(element.Tag);
            case DicomVR.UN:
                // Content of unknown meaning: nothing says it is safe.
                return ElementAction.Remove;
            default:
                // Coded strings, numbers, tags and binary data (pixels, LUTs, waveforms) hold no free text.
                return ElementAction.Keep;
        }
    }

    private static ElementAction ByRequirement(DicomTag tag) => IodAttributeTypes.Of(tag) switch
    {
        AttributeRequirement.Type1 => ElementAction.Dummy,
        AttributeRequirement.Type2 => ElementAction.Empty,
        _ => ElementAction.Remove,
    };

    private bool Has(ConfidentialityOptions option) => (_options & option) != 0;
}

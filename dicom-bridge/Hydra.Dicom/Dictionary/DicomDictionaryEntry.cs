namespace Hydra.Dicom.Dictionary;

/// <summary>
/// One entry of the PS3.6 data dictionary. Repeating-group entries such as (60xx,3000) are patterns: a tag matches
/// when <c>(tag.Value &amp; Mask) == Tag.Value</c>.
/// </summary>
/// <param name="Tag">The tag, with the wildcard digits of a pattern set to 0.</param>
/// <param name="Mask">Bits of the tag value that must match: 0xFFFFFFFF for a plain tag.</param>
/// <param name="Keyword">The PS3.6 keyword, e.g. "PatientName"; empty for the few retired entries without one.</param>
/// <param name="VR">The first VR listed; <see cref="DicomVR.None"/> for item and delimitation tags.</param>
/// <param name="AllowedVRs">All VRs listed, e.g. US and SS for "US or SS"; one entry when unambiguous.</param>
/// <param name="Multiplicity">The Value Multiplicity text, e.g. "1", "1-n", "2-2n".</param>
/// <param name="IsRetired">True when PS3.6 lists the attribute as retired.</param>
public sealed record DicomDictionaryEntry(
    DicomTag Tag,
    uint Mask,
    string Keyword,
    DicomVR VR,
    IReadOnlyList<DicomVR> AllowedVRs,
    string Multiplicity,
    bool IsRetired)
{
    /// <summary>True for repeating-group entries such as (50xx,3000) or (0028,04x0).</summary>
    public bool IsPattern => Mask != uint.MaxValue;

    /// <summary>True when PS3.6 lists more than one VR ("US or SS", "OB or OW"): implicit VR decoding must choose.</summary>
    public bool HasAmbiguousVR => AllowedVRs.Count > 1;

    /// <summary>True when <paramref name="tag"/> is this entry's tag or matches its pattern.</summary>
    public bool Matches(DicomTag tag) => (tag.Value & Mask) == Tag.Value;
}

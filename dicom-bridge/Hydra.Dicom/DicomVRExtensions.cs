namespace Hydra.Dicom;

/// <summary>Encoding properties of each <see cref="DicomVR"/> (PS3.5 6.2 Table 6.2-1 and 7.1.2).</summary>
public static class DicomVRExtensions
{
    [Flags]
    private enum Traits : ushort
    {
        Known = 1,
        LongLength = 2,
        Text = 4,
        CharacterSetSensitive = 8,
        MultiValued = 16,
        NulPadded = 32,
        Width2 = 64,
        Width4 = 128,
        Width8 = 256,
    }

    private const Traits TextTraits = Traits.Known | Traits.Text | Traits.MultiValued;
    private const Traits SpecificText = TextTraits | Traits.CharacterSetSensitive;
    private const Traits Binary = Traits.Known | Traits.LongLength | Traits.NulPadded;

    private static readonly Traits[] Table = BuildTable();

    /// <summary>True for the 34 VRs of PS3.5 Table 6.2-1; false for <see cref="DicomVR.None"/> and unknown codes.</summary>
    public static bool IsKnown(this DicomVR vr) => Get(vr).HasFlag(Traits.Known);

    /// <summary>
    /// True when the explicit VR header has 2 reserved bytes and a 32-bit length (PS3.5 7.1.2: OB, OD, OF, OL, OV, OW,
    /// SQ, SV, UC, UN, UR, UT, UV); false for the 16-bit length VRs.
    /// </summary>
    public static bool HasLongLength(this DicomVR vr) => Get(vr).HasFlag(Traits.LongLength);

    /// <summary>True for character string VRs (AE AS CS DA DS DT IS LO LT PN SH ST TM UC UI UR UT).</summary>
    public static bool IsText(this DicomVR vr) => Get(vr).HasFlag(Traits.Text);

    /// <summary>True for the VRs whose characters follow Specific Character Set (PS3.5 6.1.2.3): SH LO ST LT UC UT PN.</summary>
    public static bool IsCharacterSetSensitive(this DicomVR vr) => Get(vr).HasFlag(Traits.CharacterSetSensitive);

    /// <summary>True for text VRs whose values are separated by backslash (all text VRs except LT, ST, UT and UR).</summary>
    public static bool IsMultiValuedText(this DicomVR vr) => Get(vr).HasFlag(Traits.MultiValued);

    /// <summary>
    /// The byte that pads a value to even length (PS3.5 6.2): NUL for UI and binary VRs, space for the other text VRs.
    /// </summary>
    public static byte PaddingByte(this DicomVR vr) => Get(vr).HasFlag(Traits.NulPadded) ? (byte)0 : (byte)' ';

    /// <summary>Size in bytes of one binary value unit for byte swapping: 2, 4 or 8; 1 for text, OB and UN.</summary>
    public static int UnitSize(this DicomVR vr)
    {
        var traits = Get(vr);
        return traits.HasFlag(Traits.Width2) ? 2 : traits.HasFlag(Traits.Width4) ? 4 : traits.HasFlag(Traits.Width8) ? 8 : 1;
    }

    /// <summary>The two-letter code, or "??" for <see cref="DicomVR.None"/> and unknown values.</summary>
    public static string Code(this DicomVR vr) => vr.IsKnown() ? vr.ToString() : "??";

    private static Traits Get(DicomVR vr)
    {
        var first = ((int)vr >> 8) - 'A';
        var second = ((int)vr & 0xFF) - 'A';
        return (uint)first < 26 && (uint)second < 26 ? Table[(first * 26) + second] : 0;
    }

    private static Traits[] BuildTable()
    {
        var table = new Traits[26 * 26];
        void Set(DicomVR vr, Traits traits) => table[((((int)vr >> 8) - 'A') * 26) + ((int)vr & 0xFF) - 'A'] = traits;

        foreach (var vr in new[] { DicomVR.AE, DicomVR.AS, DicomVR.CS, DicomVR.DA, DicomVR.DS, DicomVR.DT, DicomVR.IS, DicomVR.TM })
        {
            Set(vr, TextTraits);
        }

        Set(DicomVR.UI, TextTraits | Traits.NulPadded);
        Set(DicomVR.UR, Traits.Known | Traits.Text | Traits.LongLength);
        Set(DicomVR.SH, SpecificText);
        Set(DicomVR.LO, SpecificText);
        Set(DicomVR.PN, SpecificText);
        Set(DicomVR.UC, SpecificText | Traits.LongLength);
        Set(DicomVR.ST, Traits.Known | Traits.Text | Traits.CharacterSetSensitive);
        Set(DicomVR.LT, Traits.Known | Traits.Text | Traits.CharacterSetSensitive);
        Set(DicomVR.UT, Traits.Known | Traits.Text | Traits.CharacterSetSensitive | Traits.LongLength);
        Set(DicomVR.AT, Traits.Known | Traits.NulPadded | Traits.Width2);
        Set(DicomVR.US, Traits.Known | Traits.NulPadded | Traits.Width2);
        Set(DicomVR.SS, Traits.Known | Traits.NulPadded | Traits.Width2);
        Set(DicomVR.UL, Traits.Known | Traits.NulPadded | Traits.Width4);
        Set(DicomVR.SL, Traits.Known | Traits.NulPadded | Traits.Width4);
        Set(DicomVR.FL, Traits.Known | Traits.NulPadded | Traits.Width4);
        Set(DicomVR.FD, Traits.Known | Traits.NulPadded | Traits.Width8);
        Set(DicomVR.OB, Binary);
        Set(DicomVR.UN, Binary);
        Set(DicomVR.SQ, Binary);
        Set(DicomVR.OW, Binary | Traits.Width2);
        Set(DicomVR.OF, Binary | Traits.Width4);
        Set(DicomVR.OL, Binary | Traits.Width4);
        Set(DicomVR.OD, Binary | Traits.Width8);
        Set(DicomVR.OV, Binary | Traits.Width8);
        Set(DicomVR.SV, Binary | Traits.Width8);
        Set(DicomVR.UV, Binary | Traits.Width8);
        return table;
    }
}

using System.Globalization;
using System.Numerics;
using System.Text;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Text;

namespace Hydra.Dicom;

/// <summary>Typed access to values: text, numbers, dates, tags, bytes and sequences.</summary>
public sealed partial class DicomDataset
{
    /// <summary>The whole value of a text element, padding removed; null when absent. See <see cref="DicomValueElement.GetString"/>.</summary>
    public string? GetString(DicomTag tag) => Get<DicomValueElement>(tag)?.GetString();

    /// <summary>The values of a text element split on backslash; empty when absent.</summary>
    public string[] GetStrings(DicomTag tag) => Get<DicomValueElement>(tag)?.GetStrings() ?? [];

    /// <summary>Value <paramref name="index"/> as a number; throws <see cref="DicomException"/> when absent or not numeric.</summary>
    public T GetNumber<T>(DicomTag tag, int index = 0)
        where T : INumberBase<T> => RequireValue(tag).GetNumber<T>(index);

    /// <summary>Value <paramref name="index"/> as a number; false when absent, empty or shorter.</summary>
    public bool TryGetNumber<T>(DicomTag tag, out T value, int index = 0)
        where T : INumberBase<T>
    {
        value = T.Zero;
        if (Get<DicomValueElement>(tag) is not { } element || index >= element.ValueCount)
        {
            return false;
        }

        value = element.GetNumber<T>(index);
        return true;
    }

    /// <summary>Every value as a number; empty when absent.</summary>
    public T[] GetNumbers<T>(DicomTag tag)
        where T : INumberBase<T> => Get<DicomValueElement>(tag)?.GetNumbers<T>() ?? [];

    /// <summary>A DA value (PS3.5 6.2: YYYYMMDD); null when absent or empty. Throws <see cref="DicomException"/> if malformed.</summary>
    public DateOnly? GetDate(DicomTag tag) => ParseOrNull(tag, text => DicomDateTime.ParseDate(text));

    /// <summary>A TM value (HH, HHMM, HHMMSS or HHMMSS.FFFFFF); null when absent or empty.</summary>
    public TimeOnly? GetTime(DicomTag tag) => ParseOrNull(tag, text => DicomDateTime.ParseTime(text));

    /// <summary>A DT value without its UTC offset (see <see cref="DicomDateTime.ParseDateTime"/>); null when absent or empty.</summary>
    public DateTime? GetDateTime(DicomTag tag) => ParseOrNull(tag, text => DicomDateTime.ParseDateTime(text, out _));

    /// <summary>The items of a sequence, or null when absent or not a sequence.</summary>
    public DicomSequence? GetSequence(DicomTag tag) => Get<DicomSequence>(tag);

    /// <summary>The encoded bytes of a value element (little endian); empty when absent.</summary>
    public ReadOnlyMemory<byte> GetBytes(DicomTag tag) => Get<DicomValueElement>(tag)?.Value ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>Sets a text value; the VR comes from the dictionary. See <see cref="SetString(DicomTag, DicomVR, string)"/>.</summary>
    public void SetString(DicomTag tag, string value) => SetString(tag, DictionaryVR(tag), value);

    /// <summary>
    /// Sets a text value (several values joined with backslash). SH, LO, ST, LT, UC, UT and PN are encoded in this
    /// data set's <see cref="CharacterSet"/>; when a character does not fit, the data set switches to UTF-8 first
    /// (see <see cref="ConvertToUtf8"/>). Other text VRs take the default repertoire (ASCII) only.
    /// </summary>
    public void SetString(DicomTag tag, DicomVR vr, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!vr.IsText())
        {
            throw new ArgumentException($"VR {vr.Code()} of {tag} does not hold text.", nameof(vr));
        }

        if (!vr.IsCharacterSetSensitive())
        {
            if (!Ascii.IsValid(value))
            {
                throw new ArgumentException($"VR {vr.Code()} of {tag} allows only the default repertoire (ASCII).", nameof(value));
            }

            Set(new DicomValueElement(tag, vr, Encoding.ASCII.GetBytes(value)));
            return;
        }

        var characterSet = CharacterSet;
        if (!characterSet.TryEncode(value, out var bytes))
        {
            ConvertToUtf8();
            characterSet = DicomCharacterSet.Utf8;
            bytes = Encoding.UTF8.GetBytes(value);
        }

        Set(new DicomValueElement(tag, vr, bytes, characterSet));
    }

    /// <summary>Sets several text values, joined with backslash; the VR comes from the dictionary.</summary>
    public void SetStrings(DicomTag tag, params string[] values) => SetString(tag, string.Join('\\', values));

    /// <summary>Sets several text values of VR <paramref name="vr"/>, joined with backslash.</summary>
    public void SetStrings(DicomTag tag, DicomVR vr, params string[] values) => SetString(tag, vr, string.Join('\\', values));

    /// <summary>Sets numbers; the VR comes from the dictionary. See <see cref="SetNumbers{T}(DicomTag, DicomVR, T[])"/>.</summary>
    public void SetNumbers<T>(DicomTag tag, params T[] values)
        where T : INumberBase<T> => SetNumbers(tag, DictionaryVR(tag), values);

    /// <summary>
    /// Sets numbers: binary VRs are encoded little endian, IS and DS as text (DS in at most 16 characters).
    /// Throws <see cref="OverflowException"/> when a number does not fit the VR.
    /// </summary>
    public void SetNumbers<T>(DicomTag tag, DicomVR vr, T[] values)
        where T : INumberBase<T>
    {
        ArgumentNullException.ThrowIfNull(values);
        if (vr is DicomVR.IS or DicomVR.DS)
        {
            var texts = values.Select(v => vr == DicomVR.IS
                ? long.CreateChecked(v).ToString(CultureInfo.InvariantCulture)
                : DicomValueCodec.FormatDecimalString(double.CreateChecked(v)));
            SetString(tag, vr, string.Join('\\', texts));
            return;
        }

        Set(new DicomValueElement(tag, vr, DicomValueCodec.EncodeNumbers<T>(vr, values)));
    }

    /// <summary>Sets a DA value (YYYYMMDD).</summary>
    public void SetDate(DicomTag tag, DateOnly value) => SetString(tag, DicomVR.DA, DicomDateTime.FormatDate(value));

    /// <summary>Sets a TM value (HHMMSS, with .FFFFFF when there are fractional seconds).</summary>
    public void SetTime(DicomTag tag, TimeOnly value) => SetString(tag, DicomVR.TM, DicomDateTime.FormatTime(value));

    /// <summary>Sets a DT value (YYYYMMDDHHMMSS[.FFFFFF][&amp;ZZXX]).</summary>
    public void SetDateTime(DicomTag tag, DateTime value, TimeSpan? utcOffset = null) =>
        SetString(tag, DicomVR.DT, DicomDateTime.FormatDateTime(value, utcOffset));

    /// <summary>Sets an AT value: each tag as group then element (PS3.5 6.2).</summary>
    public void SetTags(DicomTag tag, params DicomTag[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var words = new ushort[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            words[2 * i] = values[i].Group;
            words[(2 * i) + 1] = values[i].Element;
        }

        Set(new DicomValueElement(tag, DicomVR.AT, DicomValueCodec.EncodeNumbers<ushort>(DicomVR.US, words)));
    }

    /// <summary>Sets encoded bytes (little endian for binary VRs), shared, not copied.</summary>
    public void SetBytes(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value) => Set(new DicomValueElement(tag, vr, value, CharacterSet));

    /// <summary>
    /// Replaces the value with a zero-length one of the same VR (an empty sequence for SQ), or adds an empty element
    /// with the dictionary VR when absent: the "Z" action of PS3.15 Annex E.
    /// </summary>
    public void SetEmpty(DicomTag tag)
    {
        var vr = this[tag]?.VR ?? DictionaryVR(tag);
        Set(vr == DicomVR.SQ ? new DicomSequence(tag) : new DicomValueElement(tag, vr, ReadOnlyMemory<byte>.Empty, CharacterSet));
    }

    /// <summary>Sets a sequence holding <paramref name="items"/> and returns it.</summary>
    public DicomSequence SetSequence(DicomTag tag, params IEnumerable<DicomDataset> items)
    {
        var sequence = new DicomSequence(tag, items);
        Set(sequence);
        return sequence;
    }

    /// <summary>
    /// Declares UTF-8 (ISO_IR 192) in Specific Character Set (0008,0005). Existing values keep their own repertoire
    /// and are re-encoded to UTF-8 when written, so nothing is lost; new text is encoded as UTF-8.
    /// </summary>
    public void ConvertToUtf8()
    {
        Set(new DicomValueElement(new DicomTag(0x0008, 0x0005), DicomVR.CS, Encoding.ASCII.GetBytes("ISO_IR 192")));
    }

    private static DicomVR DictionaryVR(DicomTag tag) =>
        DicomDictionary.Find(tag) is { VR: not DicomVR.None, HasAmbiguousVR: false } entry
            ? entry.VR
            : throw new ArgumentException($"The dictionary gives no single VR for {tag}; pass the VR.", nameof(tag));

    private DicomValueElement RequireValue(DicomTag tag) =>
        Get<DicomValueElement>(tag) ?? throw new DicomException($"{tag.ToDisplayString()} is absent or not a value element.");

    private T? ParseOrNull<T>(DicomTag tag, Func<string, T> parse)
        where T : struct
    {
        var text = Get<DicomValueElement>(tag)?.GetStrings().FirstOrDefault();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            throw new DicomException($"{tag.ToDisplayString()} does not hold a valid date or time.", e);
        }
    }
}

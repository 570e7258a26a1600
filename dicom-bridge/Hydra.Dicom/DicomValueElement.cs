using System.Numerics;
using Hydra.Dicom.Text;

namespace Hydra.Dicom;

/// <summary>
/// An element with a value (any VR except SQ). The value is kept as encoded, little endian, and decoded only on
/// access: text with <see cref="CharacterSet"/>, numbers per VR. Instances are immutable; setting a value replaces
/// the element.
/// </summary>
public sealed class DicomValueElement : DicomElement
{
    /// <summary>
    /// Creates an element from encoded bytes (little endian for binary VRs). <paramref name="characterSet"/> is the
    /// repertoire the bytes of SH, LO, ST, LT, UC, UT and PN use; null means the default (ISO-IR 6).
    /// </summary>
    public DicomValueElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value, DicomCharacterSet? characterSet = null)
        : base(tag, vr)
    {
        if (vr == DicomVR.SQ || !vr.IsKnown())
        {
            throw new ArgumentException($"{tag} needs a value VR, not {vr.Code()}; sequences are {nameof(DicomSequence)}.", nameof(vr));
        }

        Value = value;
        CharacterSet = characterSet ?? DicomCharacterSet.Default;
    }

    /// <summary>The encoded value as read or set, little endian; its length may be odd if the source was.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>The repertoire of the value's bytes (meaningful for SH, LO, ST, LT, UC, UT and PN).</summary>
    public DicomCharacterSet CharacterSet { get; }

    /// <summary>True when the value has zero length.</summary>
    public bool IsEmpty => Value.IsEmpty;

    /// <summary>
    /// The Value Multiplicity actually present (PS3.5 6.4): backslash-separated text values, or numbers of US, SS, UL,
    /// SL, FL, FD, SV, UV and AT; 1 for a non-empty OB, OW, OF, OD, OL, OV, UN, LT, ST, UT or UR value; 0 when empty.
    /// </summary>
    public int ValueCount
    {
        get
        {
            if (Value.IsEmpty)
            {
                return 0;
            }

            if (VR.IsText())
            {
                return VR.IsMultiValuedText() ? GetStrings().Length : DicomValueCodec.TrimEnd(DecodeText()).Length == 0 ? 0 : 1;
            }

            return DicomValueCodec.IsOtherBinary(VR) ? 1 : DicomValueCodec.UnitCount(VR, Value.Length);
        }
    }

    /// <summary>
    /// The whole value as text, padding removed at the end (spaces and NULs); backslashes between values kept.
    /// Throws <see cref="DicomException"/> for binary VRs.
    /// </summary>
    public string GetString() => DicomValueCodec.TrimEnd(DecodeText());

    /// <summary>The values of a text element split on backslash (except LT, ST, UT, UR), padding removed.</summary>
    public string[] GetStrings()
    {
        var text = DecodeText();
        if (text.Length == 0)
        {
            return [];
        }

        if (!VR.IsMultiValuedText())
        {
            return [DicomValueCodec.TrimEnd(text)];
        }

        var values = text.Split('\\');
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = DicomValueCodec.Trim(values[i], VR);
        }

        return values;
    }

    /// <summary>
    /// Value <paramref name="index"/> as a number: binary VRs (US SS UL SL FL FD SV UV and OW OF OD OL OV) read
    /// directly, IS and DS parsed. Throws <see cref="DicomException"/> for other VRs or unparsable text, and
    /// <see cref="OverflowException"/> when the value does not fit <typeparamref name="T"/>.
    /// </summary>
    public T GetNumber<T>(int index = 0)
        where T : INumberBase<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        if (VR is DicomVR.IS or DicomVR.DS)
        {
            var values = GetStrings();
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, values.Length);
            return DicomValueCodec.ParseNumber<T>(values[index], VR, Tag);
        }

        return DicomValueCodec.ReadNumber<T>(Value.Span, VR, index, Tag);
    }

    /// <summary>Every value as a number (every 16-bit word of OW, and so on); see <see cref="GetNumber{T}"/>.</summary>
    public T[] GetNumbers<T>()
        where T : INumberBase<T>
    {
        if (VR is DicomVR.IS or DicomVR.DS)
        {
            var values = GetStrings();
            var parsed = new T[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                parsed[i] = DicomValueCodec.ParseNumber<T>(values[i], VR, Tag);
            }

            return parsed;
        }

        var count = DicomValueCodec.UnitCount(VR, Value.Length);
        var result = new T[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = DicomValueCodec.ReadNumber<T>(Value.Span, VR, i, Tag);
        }

        return result;
    }

    /// <summary>Value <paramref name="index"/> of an AT element: a tag stored as group then element (PS3.5 6.2).</summary>
    public DicomTag GetTag(int index = 0)
    {
        if (VR != DicomVR.AT)
        {
            throw new DicomException($"{Tag.ToDisplayString()} has VR {VR.Code()}, not AT.");
        }

        return new DicomTag(DicomValueCodec.ReadNumber<ushort>(Value.Span, DicomVR.US, 2 * index, Tag),
            DicomValueCodec.ReadNumber<ushort>(Value.Span, DicomVR.US, (2 * index) + 1, Tag));
    }

    /// <inheritdoc />
    public override DicomElement Clone() => new DicomValueElement(Tag, VR, Value, CharacterSet);

    private string DecodeText()
    {
        if (!VR.IsText())
        {
            throw new DicomException($"{Tag.ToDisplayString()} has VR {VR.Code()}, which holds no text.");
        }

        return VR.IsCharacterSetSensitive()
            ? CharacterSet.Decode(Value.Span, VR)
            : DicomCharacterSet.Default.Decode(Value.Span, VR);
    }
}

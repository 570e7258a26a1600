using Hydra.Dicom.Text;

namespace Hydra.Dicom.IO;

/// <summary>The bytes and VR an element is written with.</summary>
internal sealed partial class DicomWriter
{
    private const int MaxShortLength = 0xFFFE;

    private (ReadOnlyMemory<byte> Bytes, DicomVR VR) Prepare(DicomValueElement element, DicomCharacterSet characterSet)
    {
        var bytes = element.Value;
        var vr = element.VR;
        if (vr.IsCharacterSetSensitive() && !ReferenceEquals(element.CharacterSet, characterSet) && NeedsTranscoding(bytes.Span))
        {
            bytes = Transcode(element, characterSet);
        }

        // PS3.5 6.2.2: a value too long for the 16-bit length of its VR is written as UN in explicit VR.
        if (_explicitVR && !vr.HasLongLength() && Padded(bytes.Length) > MaxShortLength)
        {
            vr = DicomVR.UN;
        }

        return (bytes, vr);
    }

    // Bytes below 0x80 without ESC mean the same in every repertoire DICOM allows, so they need no re-encoding.
    private static bool NeedsTranscoding(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0
        || bytes.IndexOf((byte)0x1B) >= 0;

    private static byte[] Transcode(DicomValueElement element, DicomCharacterSet target)
    {
        var text = element.CharacterSet.Decode(element.Value.Span, element.VR);
        if (!target.TryEncode(text, out var encoded))
        {
            throw new DicomException(
                $"{element.Tag.ToDisplayString()} holds text that {target} cannot encode; call ConvertToUtf8 on the data set first.");
        }

        return encoded;
    }
}

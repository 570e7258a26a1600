using System.Buffers.Binary;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.IO;

/// <summary>Element headers (PS3.5 7.1.1-7.1.3): reading and decoding them, and the VR each one carries.</summary>
internal sealed partial class DicomParser
{
    // Returns the bytes of `data` consumed, or -1 when the header is incomplete (its bytes are kept for next time).
    private int ReadHeader(ReadOnlySpan<byte> data)
    {
        var prior = _headerFilled;
        ReadOnlySpan<byte> bytes;
        if (prior == 0 && data.Length >= MaxHeaderLength)
        {
            bytes = data[..MaxHeaderLength];
        }
        else
        {
            var take = Math.Min(MaxHeaderLength - prior, data.Length);
            data[..take].CopyTo(_header.AsSpan(prior));
            bytes = _header.AsSpan(0, prior + take);
        }

        if (_stopBefore is not null && _frames.Count == 1 && bytes.Length >= 4 && _stopBefore(ReadTag(bytes, Top.BigEndian)))
        {
            _state = ParserState.Stopped;
            return 0;
        }

        if (!TryDecodeHeader(bytes, out var header, out var headerLength))
        {
            _headerFilled = bytes.Length;
            return -1;
        }

        _headerFilled = 0;
        _position += headerLength;
        Dispatch(header);
        return headerLength - prior;
    }

    private bool TryDecodeHeader(ReadOnlySpan<byte> bytes, out DicomElementHeader header, out int headerLength)
    {
        header = default;
        headerLength = 8;
        if (bytes.Length < 8)
        {
            return false;
        }

        ref var frame = ref Top;
        var tag = ReadTag(bytes, frame.BigEndian);

        // Item and delimitation tags never carry a VR, whatever the transfer syntax (PS3.5 7.5).
        if (tag.Group == 0xFFFE)
        {
            header = new DicomElementHeader(tag, DicomVR.None, Read32(bytes[4..], frame.BigEndian), _position, false);
            return true;
        }

        if (frame.Kind == FrameKind.Dataset && !frame.SeenElement)
        {
            frame.ExplicitVR = LooksExplicit(bytes, tag, frame.ExplicitVR);
        }

        if (!frame.ExplicitVR)
        {
            header = new DicomElementHeader(tag, ImplicitVR(tag), Read32(bytes[4..], frame.BigEndian), _position, true);
            return true;
        }

        var vr = (DicomVR)((bytes[4] << 8) | bytes[5]);
        if (!vr.IsKnown())
        {
            throw Error(DicomFormatReason.InvalidVR, _position, tag, $"bytes {bytes[4]:X2} {bytes[5]:X2} are not a VR");
        }

        if (!vr.HasLongLength())
        {
            header = new DicomElementHeader(tag, vr, Read16(bytes[6..], frame.BigEndian), _position, false);
            return true;
        }

        // PS3.5 7.1.2: OB, OD, OF, OL, OV, OW, SQ, SV, UC, UN, UR, UT and UV have 2 reserved bytes and a 32-bit length.
        headerLength = 12;
        if (bytes.Length < 12)
        {
            return false;
        }

        header = new DicomElementHeader(tag, vr, Read32(bytes[8..], frame.BigEndian), _position, false);
        return true;
    }

    // The first element of each data set shows whether it really uses the expected VR encoding: files declaring an
    // explicit syntax but written implicit (and the reverse) exist, and other readers accept them too.
    private static bool LooksExplicit(ReadOnlySpan<byte> bytes, DicomTag tag, bool expected)
    {
        var vr = (DicomVR)((bytes[4] << 8) | bytes[5]);
        if (expected)
        {
            return vr.IsKnown();
        }

        return vr.IsKnown() && (vr == DicomVR.UN || DicomDictionary.Find(tag) is { } entry && entry.AllowedVRs.Contains(vr));
    }

    // Implicit VR takes the dictionary VR (PS3.5 A.1); "OB or OW" style entries are OW there, "US or SS" is settled
    // later from Pixel Representation by the builder.
    private static DicomVR ImplicitVR(DicomTag tag)
    {
        var entry = DicomDictionary.Find(tag);
        if (entry is null || entry.VR == DicomVR.None)
        {
            return DicomVR.UN;
        }

        return entry.HasAmbiguousVR && entry.AllowedVRs.Contains(DicomVR.OW) ? DicomVR.OW : entry.VR;
    }

    private static DicomTag ReadTag(ReadOnlySpan<byte> bytes, bool bigEndian) => new(Read16(bytes, bigEndian), Read16(bytes[2..], bigEndian));

    private static ushort Read16(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

    private static uint Read32(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
}

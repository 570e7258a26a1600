using System.Buffers.Binary;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.IO;

/// <summary>Element headers (PS3.5 7.1.1-7.1.3) and what each one starts.</summary>
internal sealed partial class DicomParser
{
    private static readonly DicomTag PixelData = new(0x7FE0, 0x0010);

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

    private void Dispatch(in DicomElementHeader header)
    {
        switch (Top.Kind)
        {
            case FrameKind.Dataset:
                OnDatasetHeader(header);
                break;
            case FrameKind.Sequence:
                OnSequenceHeader(header);
                break;
            default:
                OnFragmentsHeader(header);
                break;
        }
    }

    private void OnDatasetHeader(DicomElementHeader header)
    {
        ref var frame = ref Top;
        var tag = header.Tag;
        if (tag.Group == 0xFFFE)
        {
            if (tag == DicomTag.ItemDelimitation && _frames.Count > 1 && frame.End < 0)
            {
                _frames.RemoveAt(_frames.Count - 1);
                _observer.OnEndItem();
                return;
            }

            throw Error(DicomFormatReason.UnexpectedTag, header.Offset, tag,
                _frames.Count == 1 ? "an item or delimitation tag outside any sequence" : "a delimitation tag that does not close this item");
        }

        frame.SeenElement = true;
        CountElement(header.Offset, tag);
        var explicitVR = frame.ExplicitVR;
        var bigEndian = frame.BigEndian;
        if (header.HasUndefinedLength)
        {
            OnUndefinedLength(header, explicitVR, bigEndian);
            return;
        }

        if (header.VR == DicomVR.SQ)
        {
            PushSequence(header, explicitVR, bigEndian);
            return;
        }

        if (header.VR == DicomVR.UN && !header.VRFromDictionary && _options.ResolveUnknownVR
            && DicomDictionary.Find(tag) is { VR: not (DicomVR.None or DicomVR.UN) } entry)
        {
            // PS3.5 6.2.2: a UN value is encoded Implicit VR Little Endian, so a known sequence parses as one.
            if (entry.VR == DicomVR.SQ)
            {
                PushSequence(header with { VR = DicomVR.SQ, VRFromDictionary = true }, explicitVR: false, bigEndian: false);
                return;
            }

            header = header with { VR = ImplicitVR(tag), VRFromDictionary = true };
            bigEndian = false;
        }

        BeginValue(header, isFragment: false, bigEndian);
    }

    private void OnUndefinedLength(DicomElementHeader header, bool explicitVR, bool bigEndian)
    {
        // PS3.5 6.2.2: UN of undefined length is a sequence encoded Implicit VR Little Endian.
        if (header.VR is DicomVR.SQ or DicomVR.UN)
        {
            var implicitContent = header.VR == DicomVR.UN && !header.VRFromDictionary;
            PushSequence(header with { VR = DicomVR.SQ }, explicitVR && !implicitContent, bigEndian && !implicitContent);
            return;
        }

        // PS3.5 A.4: encapsulated Pixel Data (and other OB/OW values some modalities encapsulate).
        if (header.Tag == PixelData || header.VR is DicomVR.OB or DicomVR.OW)
        {
            CheckDepth(header);
            _frames.Add(new Frame { Kind = FrameKind.Fragments, End = -1, Tag = header.Tag });
            _observer.OnBeginFragments(header with { VR = DicomVR.OB });
            return;
        }

        throw Error(DicomFormatReason.InvalidLength, header.Offset, header.Tag,
            $"undefined length on VR {header.VR.Code()}; only SQ, UN and encapsulated OB or OW may have it");
    }

    private void OnSequenceHeader(in DicomElementHeader header)
    {
        ref var frame = ref Top;
        if (header.Tag == DicomTag.Item)
        {
            var sequence = frame;
            CountItem(ref frame, header);
            var end = header.HasUndefinedLength ? -1 : CheckedEnd(header, "item");
            _frames.Add(new Frame
            {
                Kind = FrameKind.Dataset, End = end, ExplicitVR = sequence.ExplicitVR, BigEndian = sequence.BigEndian, Tag = sequence.Tag,
            });
            _observer.OnBeginItem(header.Offset, header.HasUndefinedLength);
            return;
        }

        if (header.Tag == DicomTag.SequenceDelimitation && frame.End < 0)
        {
            _frames.RemoveAt(_frames.Count - 1);
            _sequenceDepth--;
            _observer.OnEndSequence();
            return;
        }

        throw Error(DicomFormatReason.UnexpectedTag, header.Offset, header.Tag, $"an item was expected in sequence {frame.Tag}");
    }

    private void OnFragmentsHeader(in DicomElementHeader header)
    {
        ref var frame = ref Top;
        if (header.Tag == DicomTag.Item)
        {
            if (header.HasUndefinedLength)
            {
                throw Error(DicomFormatReason.InvalidLength, header.Offset, frame.Tag, "a fragment item has undefined length");
            }

            CountItem(ref frame, header);
            BeginValue(header with { Tag = frame.Tag, VR = DicomVR.OB }, isFragment: true, bigEndian: false);
            return;
        }

        if (header.Tag == DicomTag.SequenceDelimitation)
        {
            _frames.RemoveAt(_frames.Count - 1);
            _sequenceDepth--;
            _observer.OnEndFragments();
            return;
        }

        throw Error(DicomFormatReason.UnexpectedTag, header.Offset, header.Tag, $"a fragment item was expected in {frame.Tag}");
    }

    private void PushSequence(in DicomElementHeader header, bool explicitVR, bool bigEndian)
    {
        CheckDepth(header);
        var end = header.HasUndefinedLength ? -1 : CheckedEnd(header, "sequence");
        _frames.Add(new Frame { Kind = FrameKind.Sequence, End = end, ExplicitVR = explicitVR, BigEndian = bigEndian, Tag = header.Tag });
        _observer.OnBeginSequence(header);
    }

    private void BeginValue(in DicomElementHeader header, bool isFragment, bool bigEndian)
    {
        CheckedEnd(header, "value");
        if (header.Length > _options.MaxValueLength)
        {
            throw Error(DicomFormatReason.ValueTooLong, header.Offset, header.Tag,
                $"value length {header.Length} exceeds the limit of {_options.MaxValueLength} bytes");
        }

        _pending = header;
        _pendingIsFragment = isFragment;
        _pendingBigEndian = bigEndian && header.VR.UnitSize() > 1;
        if (header.Length == 0)
        {
            EmitValue(ReadOnlyMemory<byte>.Empty, owned: true);
            return;
        }

        _state = ParserState.Value;
    }

    // The end offset of a defined-length value, item or sequence, which must fit in what encloses it.
    private long CheckedEnd(in DicomElementHeader header, string what)
    {
        var end = _position + header.Length;
        var bound = Bound(out var boundName);
        if (end > bound)
        {
            throw Error(DicomFormatReason.LengthExceedsRemaining, header.Offset, header.Tag,
                $"{what} length {header.Length} exceeds the {bound - _position} bytes remaining in the {boundName}");
        }

        if (end > _options.MaxDatasetLength)
        {
            throw Error(DicomFormatReason.DatasetTooLong, header.Offset, header.Tag,
                $"the data set would exceed the limit of {_options.MaxDatasetLength} bytes");
        }

        return end;
    }

    private long Bound(out string name)
    {
        for (var i = _frames.Count - 1; i > 0; i--)
        {
            if (_frames[i].End >= 0)
            {
                name = _frames[i].Kind == FrameKind.Dataset ? "item" : "sequence";
                return _frames[i].End;
            }
        }

        name = "input";
        return _inputEnd >= 0 ? _inputEnd : long.MaxValue;
    }

    private void CheckDepth(in DicomElementHeader header)
    {
        if (++_sequenceDepth > _options.MaxNestingDepth)
        {
            throw Error(DicomFormatReason.NestingTooDeep, header.Offset, header.Tag,
                $"sequences nest deeper than the limit of {_options.MaxNestingDepth}");
        }
    }

    private void CountItem(ref Frame frame, in DicomElementHeader header)
    {
        if (++frame.Items > _options.MaxItemsPerSequence)
        {
            throw Error(DicomFormatReason.TooManyItems, header.Offset, frame.Tag,
                $"more than the limit of {_options.MaxItemsPerSequence} items");
        }

        CountElement(header.Offset, frame.Tag);
    }

    private void CountElement(long offset, DicomTag tag)
    {
        if (++_elementCount > _options.MaxElements)
        {
            throw Error(DicomFormatReason.TooManyElements, offset, tag, $"more than the limit of {_options.MaxElements} elements");
        }
    }

    private static DicomTag ReadTag(ReadOnlySpan<byte> bytes, bool bigEndian) => new(Read16(bytes, bigEndian), Read16(bytes[2..], bigEndian));

    private static ushort Read16(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

    private static uint Read32(ReadOnlySpan<byte> bytes, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);
}

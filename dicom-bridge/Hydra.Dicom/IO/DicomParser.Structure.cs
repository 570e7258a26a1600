using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.IO;

/// <summary>What each element header starts: a value, a sequence, an item, encapsulated fragments, or their end.</summary>
internal sealed partial class DicomParser
{
    private static readonly DicomTag PixelData = new(0x7FE0, 0x0010);

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
}

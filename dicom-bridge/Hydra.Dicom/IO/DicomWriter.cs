using System.Buffers.Binary;
using Hydra.Dicom.Text;

namespace Hydra.Dicom.IO;

/// <summary>
/// Encodes data sets (PS3.5 7) in one VR mode and byte order into a <see cref="SegmentedOutput"/>. Values of odd
/// length get one padding byte (PS3.5 7.1.1: NUL for UI and binary VRs, space for text); text whose repertoire
/// differs from the one declared where it is written is re-encoded; group lengths are recomputed.
/// </summary>
internal sealed partial class DicomWriter
{
    /// <summary>Deepest sequence nesting written; far beyond real data, well within the stack.</summary>
    public const int MaxDepth = 128;

    private readonly SegmentedOutput _output;
    private readonly bool _explicitVR;
    private readonly bool _bigEndian;
    private readonly DicomWriterOptions _options;
    private int _depth;

    public DicomWriter(SegmentedOutput output, bool explicitVR, bool bigEndian, DicomWriterOptions options)
    {
        _output = output;
        _explicitVR = explicitVR;
        _bigEndian = bigEndian;
        _options = options;
    }

    /// <summary>Writes the elements of <paramref name="dataset"/>; <paramref name="inherited"/> is the repertoire around it.</summary>
    public void WriteDataset(DicomDataset dataset, DicomCharacterSet inherited)
    {
        var characterSet = dataset.OwnCharacterSet ?? inherited;
        var elements = dataset.Elements;
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            if (!element.Tag.IsGroupLength)
            {
                WriteElement(element, characterSet);
            }
            else if (KeepGroupLength(element.Tag))
            {
                var length = GroupLength(elements, i, characterSet);
                WriteHeader(element.Tag, DicomVR.UL, 4);
                Write32(_output.Take(4), length > uint.MaxValue ? uint.MaxValue : (uint)length);
            }
        }
    }

    private void WriteElement(DicomElement element, DicomCharacterSet characterSet)
    {
        switch (element)
        {
            case DicomValueElement value:
                WriteValue(value, characterSet);
                break;
            case DicomSequence sequence:
                WriteSequence(sequence, characterSet);
                break;
            case DicomFragmentSequence fragments:
                WriteFragments(fragments);
                break;
        }
    }

    private void WriteValue(DicomValueElement element, DicomCharacterSet characterSet)
    {
        var (bytes, vr) = Prepare(element, characterSet);
        var odd = (bytes.Length & 1) == 1;
        WriteHeader(element.Tag, vr, (uint)bytes.Length + (odd ? 1u : 0u));
        if (_bigEndian && vr.UnitSize() > 1)
        {
            var swapped = bytes.ToArray();
            ByteOrder.Swap(swapped, vr.UnitSize());
            bytes = swapped;
        }

        _output.Write(bytes);
        if (odd)
        {
            _output.Take(1)[0] = vr.PaddingByte();
        }
    }

    private void WriteSequence(DicomSequence sequence, DicomCharacterSet characterSet)
    {
        // The writer recurses; data sets built in code could nest without the reader's limit.
        if (++_depth > MaxDepth)
        {
            throw new DicomException($"Sequences nest deeper than {MaxDepth} levels at {sequence.Tag.ToDisplayString()}.");
        }

        var undefined = Undefined(sequence.HasUndefinedLength) || SequenceContentLength(sequence, characterSet) >= uint.MaxValue;
        WriteHeader(sequence.Tag, DicomVR.SQ, undefined ? DicomElementHeader.UndefinedLength : (uint)SequenceContentLength(sequence, characterSet));
        foreach (var item in sequence.Items)
        {
            var itemUndefined = Undefined(item.HasUndefinedLength) || DatasetLength(item, characterSet) >= uint.MaxValue;
            WriteItemTag(DicomTag.Item, itemUndefined ? DicomElementHeader.UndefinedLength : (uint)DatasetLength(item, characterSet));
            WriteDataset(item, characterSet);
            if (itemUndefined)
            {
                WriteItemTag(DicomTag.ItemDelimitation, 0);
            }
        }

        if (undefined)
        {
            WriteItemTag(DicomTag.SequenceDelimitation, 0);
        }

        _depth--;
    }

    // PS3.5 A.4: undefined length, the Basic Offset Table item, fragment items, the Sequence Delimitation Item.
    private void WriteFragments(DicomFragmentSequence fragments)
    {
        WriteHeader(fragments.Tag, fragments.VR, DicomElementHeader.UndefinedLength);
        WriteFragment(fragments.OffsetTable);
        foreach (var fragment in fragments.Fragments)
        {
            WriteFragment(fragment);
        }

        WriteItemTag(DicomTag.SequenceDelimitation, 0);
    }

    private void WriteFragment(ReadOnlyMemory<byte> fragment)
    {
        var odd = (fragment.Length & 1) == 1;
        WriteItemTag(DicomTag.Item, (uint)fragment.Length + (odd ? 1u : 0u));
        _output.Write(fragment);
        if (odd)
        {
            _output.Take(1)[0] = 0;
        }
    }

    private void WriteHeader(DicomTag tag, DicomVR vr, uint length)
    {
        if (!_explicitVR)
        {
            var implicitHeader = _output.Take(8);
            WriteTag(implicitHeader, tag);
            Write32(implicitHeader[4..], length);
            return;
        }

        if (!vr.IsKnown())
        {
            throw new DicomException($"{tag.ToDisplayString()} has no VR, which explicit VR encoding needs.");
        }

        var longLength = vr.HasLongLength();
        var header = _output.Take(longLength ? 12 : 8);
        WriteTag(header, tag);
        header[4] = (byte)((int)vr >> 8);
        header[5] = (byte)vr;
        if (longLength)
        {
            header[6] = 0;
            header[7] = 0;
            Write32(header[8..], length);
        }
        else
        {
            Write16(header[6..], (ushort)length);
        }
    }

    private void WriteItemTag(DicomTag tag, uint length)
    {
        var header = _output.Take(8);
        WriteTag(header, tag);
        Write32(header[4..], length);
    }

    private void WriteTag(Span<byte> target, DicomTag tag)
    {
        Write16(target, tag.Group);
        Write16(target[2..], tag.Element);
    }

    private void Write16(Span<byte> target, ushort value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(target, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(target, value);
        }
    }

    private void Write32(Span<byte> target, uint value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(target, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(target, value);
        }
    }
}

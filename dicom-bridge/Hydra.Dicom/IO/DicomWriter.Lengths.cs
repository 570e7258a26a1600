using Hydra.Dicom.Text;

namespace Hydra.Dicom.IO;

/// <summary>Encoded lengths, for defined-length sequences and items and for group lengths (PS3.5 7.2, 7.5).</summary>
internal sealed partial class DicomWriter
{
    private const int ItemHeaderLength = 8;

    private int _lengthDepth;

    private bool Undefined(bool asRead) => _options.SequenceLengths switch
    {
        DicomLengthEncoding.Undefined => true,
        DicomLengthEncoding.Defined => false,
        _ => asRead,
    };

    // PS3.7 6.3.1 requires (0000,0000) in command sets and PS3.10 7.1 requires (0002,0000); others are retired.
    private bool KeepGroupLength(DicomTag tag) =>
        _options.GroupLengths == DicomGroupLengths.Recalculate || tag.Group is 0x0000 or 0x0002;

    private long GroupLength(IReadOnlyList<DicomElement> elements, int groupLengthIndex, DicomCharacterSet characterSet)
    {
        var group = elements[groupLengthIndex].Tag.Group;
        long length = 0;
        for (var i = groupLengthIndex + 1; i < elements.Count && elements[i].Tag.Group == group; i++)
        {
            length += ElementLength(elements[i], characterSet);
        }

        return length;
    }

    private long DatasetLength(DicomDataset dataset, DicomCharacterSet inherited)
    {
        var characterSet = dataset.OwnCharacterSet ?? inherited;
        long length = 0;
        foreach (var element in dataset.Elements)
        {
            if (!element.Tag.IsGroupLength)
            {
                length += ElementLength(element, characterSet);
            }
            else if (KeepGroupLength(element.Tag))
            {
                length += HeaderLength(DicomVR.UL) + 4;
            }
        }

        return length;
    }

    private long ElementLength(DicomElement element, DicomCharacterSet characterSet)
    {
        switch (element)
        {
            case DicomValueElement value:
                var (bytes, vr) = Prepare(value, characterSet);
                return HeaderLength(vr) + Padded(bytes.Length);
            case DicomSequence sequence:
                var content = SequenceContentLength(sequence, characterSet);
                var undefined = Undefined(sequence.HasUndefinedLength) || content >= uint.MaxValue;
                return HeaderLength(DicomVR.SQ) + content + (undefined ? ItemHeaderLength : 0);
            case DicomFragmentSequence fragments:
                var total = HeaderLength(fragments.VR) + ItemHeaderLength + Padded(fragments.OffsetTable.Length) + ItemHeaderLength;
                foreach (var fragment in fragments.Fragments)
                {
                    total += ItemHeaderLength + Padded(fragment.Length);
                }

                return total;
            default:
                return 0;
        }
    }

    private long SequenceContentLength(DicomSequence sequence, DicomCharacterSet characterSet)
    {
        if (++_lengthDepth > MaxDepth)
        {
            throw new DicomException($"Sequences nest deeper than {MaxDepth} levels at {sequence.Tag.ToDisplayString()}.");
        }

        long length = 0;
        foreach (var item in sequence.Items)
        {
            var content = DatasetLength(item, characterSet);
            var undefined = Undefined(item.HasUndefinedLength) || content >= uint.MaxValue;
            length += ItemHeaderLength + content + (undefined ? ItemHeaderLength : 0);
        }

        _lengthDepth--;
        return length;
    }

    private int HeaderLength(DicomVR vr) => _explicitVR && vr.HasLongLength() ? 12 : 8;

    private static long Padded(int length) => length + (length & 1);
}

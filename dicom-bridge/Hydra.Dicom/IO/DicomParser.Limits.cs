namespace Hydra.Dicom.IO;

/// <summary>
/// The bounds of <see cref="DicomReaderOptions"/> and of the enclosing items and sequences, checked as each header
/// arrives so hostile lengths and counts fail before anything is read.
/// </summary>
internal sealed partial class DicomParser
{
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
}

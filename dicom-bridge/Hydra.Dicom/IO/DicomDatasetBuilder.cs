using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.IO;

/// <summary>
/// Builds a <see cref="DicomDataset"/> from parser events. Text elements remember the repertoire in force where
/// they were read (PS3.5 7.5.3: items inherit it), and VRs that implicit VR leaves ambiguous are settled when each
/// data set is complete (Pixel Representation decides US or SS, PS3.5 A.1 and PS3.3 C.7.6.3.1).
/// </summary>
public sealed class DicomDatasetBuilder : IDicomReaderObserver
{
    private static readonly DicomTag PixelRepresentation = new(0x0028, 0x0103);
    private static readonly DicomTag LutDescriptor = new(0x0028, 0x3002);
    private static readonly DicomTag LutData = new(0x0028, 0x3006);

    private readonly List<Level> _levels = [];
    private readonly List<DicomDataset> _datasets = [];

    /// <summary>Builds into <paramref name="root"/>, or into a new data set.</summary>
    public DicomDatasetBuilder(DicomDataset? root = null)
    {
        Dataset = root ?? new DicomDataset();
        _datasets.Add(Dataset);
        _levels.Add(new Level(Dataset, null));
    }

    /// <summary>The data set being built.</summary>
    public DicomDataset Dataset { get; }

    /// <inheritdoc />
    public void OnElement(in DicomElementHeader header, ReadOnlyMemory<byte> value)
    {
        var level = _levels[^1];
        var dataset = level.Dataset!;
        var vr = header.VR;
        dataset.AddRead(new DicomValueElement(header.Tag, vr, value, vr.IsCharacterSetSensitive() ? dataset.CharacterSet : null));
        if (header.VRFromDictionary && vr is DicomVR.US or DicomVR.OW && DicomDictionary.Find(header.Tag) is { HasAmbiguousVR: true })
        {
            (level.Ambiguous ??= []).Add(header.Tag);
            _levels[^1] = level;
        }
    }

    /// <inheritdoc />
    public void OnBeginSequence(in DicomElementHeader header)
    {
        var sequence = new DicomSequence(header.Tag) { HasUndefinedLength = header.HasUndefinedLength };
        _levels[^1].Dataset!.AddRead(sequence);
        _levels.Add(new Level(null, sequence));
    }

    /// <inheritdoc />
    public void OnBeginItem(long offset, bool undefinedLength)
    {
        var item = new DicomDataset { InheritedCharacterSet = _datasets[^1].CharacterSet, HasUndefinedLength = undefinedLength };
        ((DicomSequence)_levels[^1].Element!).Items.Add(item);
        _datasets.Add(item);
        _levels.Add(new Level(item, null));
    }

    /// <inheritdoc />
    public void OnEndItem()
    {
        Settle(_levels[^1]);
        _levels.RemoveAt(_levels.Count - 1);
        _datasets.RemoveAt(_datasets.Count - 1);
    }

    /// <inheritdoc />
    public void OnEndSequence() => _levels.RemoveAt(_levels.Count - 1);

    /// <inheritdoc />
    public void OnBeginFragments(in DicomElementHeader header)
    {
        var fragments = new DicomFragmentSequence(header.Tag, ReadOnlyMemory<byte>.Empty);
        _levels[^1].Dataset!.AddRead(fragments);
        _levels.Add(new Level(null, fragments));
    }

    /// <inheritdoc />
    public void OnFragment(long offset, ReadOnlyMemory<byte> fragment)
    {
        var level = _levels[^1];
        var fragments = (DicomFragmentSequence)level.Element!;
        if (!level.SeenOffsetTable)
        {
            fragments.OffsetTable = fragment;
            _levels[^1] = level with { SeenOffsetTable = true };
        }
        else
        {
            fragments.Fragments.Add(fragment);
        }
    }

    /// <inheritdoc />
    public void OnEndFragments() => _levels.RemoveAt(_levels.Count - 1);

    /// <summary>Settles the top-level data set once the input is complete.</summary>
    public void Complete()
    {
        if (_levels.Count == 1)
        {
            Settle(_levels[0]);
        }
    }

    private void Settle(Level level)
    {
        if (level.Ambiguous is null)
        {
            return;
        }

        var dataset = level.Dataset!;
        foreach (var tag in level.Ambiguous)
        {
            if (dataset[tag] is not DicomValueElement element)
            {
                continue;
            }

            var vr = tag == LutData ? LutDataVR(dataset) : element.VR == DicomVR.US && IsSigned() ? DicomVR.SS : element.VR;
            if (vr != element.VR)
            {
                dataset.Set(new DicomValueElement(tag, vr, element.Value, element.CharacterSet));
            }
        }
    }

    // Pixel Representation 1 means two's complement pixels; the nearest enclosing data set that has it decides.
    private bool IsSigned()
    {
        for (var i = _datasets.Count - 1; i >= 0; i--)
        {
            if (_datasets[i][PixelRepresentation] is DicomValueElement { VR: DicomVR.US, Value.Length: >= 2 } element)
            {
                return element.GetNumber<ushort>() == 1;
            }
        }

        return false;
    }

    // LUT Data is US when the LUT Descriptor announces a single entry, else OW, as pydicom reads it.
    private static DicomVR LutDataVR(DicomDataset dataset) =>
        dataset[LutDescriptor] is DicomValueElement { Value.Length: >= 2 } descriptor && descriptor.GetNumber<ushort>() == 1
            ? DicomVR.US
            : DicomVR.OW;

    private record struct Level(DicomDataset? Dataset, DicomElement? Element)
    {
        public List<DicomTag>? Ambiguous { get; set; }

        public bool SeenOffsetTable { get; init; }
    }
}

namespace Hydra.Dicom;

/// <summary>A sequence of items (VR SQ, PS3.5 7.5): each item is a nested <see cref="DicomDataset"/>.</summary>
public sealed class DicomSequence : DicomElement
{
    /// <summary>Creates a sequence holding <paramref name="items"/>.</summary>
    public DicomSequence(DicomTag tag, params IEnumerable<DicomDataset> items)
        : base(tag, DicomVR.SQ)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = [.. items];
    }

    /// <summary>The items, in order.</summary>
    public List<DicomDataset> Items { get; }

    /// <summary>
    /// True when the sequence was, or is to be, encoded with undefined length and a Sequence Delimitation Item
    /// (PS3.5 7.5.1); the writer keeps it unless told otherwise. New sequences use undefined length.
    /// </summary>
    public bool HasUndefinedLength { get; set; } = true;

    /// <inheritdoc />
    public override DicomElement Clone() =>
        new DicomSequence(Tag, Items.Select(item => item.Clone())) { HasUndefinedLength = HasUndefinedLength };
}

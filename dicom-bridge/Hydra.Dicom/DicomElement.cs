namespace Hydra.Dicom;

/// <summary>
/// A data element of a <see cref="DicomDataset"/> (PS3.5 7.1): a <see cref="DicomValueElement"/>, a
/// <see cref="DicomSequence"/> of items, or a <see cref="DicomFragmentSequence"/> of encapsulated pixel data.
/// </summary>
public abstract class DicomElement
{
    private protected DicomElement(DicomTag tag, DicomVR vr)
    {
        if (tag.Group == 0xFFFE)
        {
            throw new ArgumentException($"{tag} is an item or delimitation tag, not a data element.", nameof(tag));
        }

        Tag = tag;
        VR = vr;
    }

    /// <summary>The element's tag.</summary>
    public DicomTag Tag { get; }

    /// <summary>The element's VR: as encoded (explicit VR) or as the dictionary gives it (implicit VR).</summary>
    public DicomVR VR { get; }

    /// <summary>A deep copy: sequences copy their items; value bytes, which are never mutated, are shared.</summary>
    public abstract DicomElement Clone();

    /// <summary>"(gggg,eeee) Keyword VR", never the value, which may identify a patient.</summary>
    public override string ToString() => $"{Tag.ToDisplayString()} {VR.Code()}";
}

namespace Hydra.Dicom.IO;

/// <summary>
/// Receives what the parser finds, in encoding order. <see cref="DicomDatasetBuilder"/> builds a
/// <see cref="DicomDataset"/>; other observers can stream elements elsewhere without building one.
/// </summary>
public interface IDicomReaderObserver
{
    /// <summary>A complete value element. <paramref name="value"/> is little endian and stays valid after the call.</summary>
    void OnElement(in DicomElementHeader header, ReadOnlyMemory<byte> value);

    /// <summary>A sequence begins; items follow until <see cref="OnEndSequence"/>.</summary>
    void OnBeginSequence(in DicomElementHeader header);

    /// <summary>An item of the current sequence begins at <paramref name="offset"/>; its elements follow until <see cref="OnEndItem"/>.</summary>
    void OnBeginItem(long offset, bool undefinedLength);

    /// <summary>The current item ends.</summary>
    void OnEndItem();

    /// <summary>The current sequence ends.</summary>
    void OnEndSequence();

    /// <summary>An encapsulated value begins (PS3.5 A.4): the Basic Offset Table, then fragments, follow.</summary>
    void OnBeginFragments(in DicomElementHeader header);

    /// <summary>One item of the encapsulated value: the first is the Basic Offset Table.</summary>
    void OnFragment(long offset, ReadOnlyMemory<byte> fragment);

    /// <summary>The encapsulated value ends.</summary>
    void OnEndFragments();
}

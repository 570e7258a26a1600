namespace Hydra.Dicom.IO;

/// <summary>A decoded element header (PS3.5 7.1): where it starts, its tag, VR and value length.</summary>
/// <param name="Tag">The element's tag.</param>
/// <param name="VR">The VR as encoded, or as the dictionary gives it for implicit VR.</param>
/// <param name="Length">The value length; 0xFFFFFFFF for undefined length.</param>
/// <param name="Offset">Byte offset of the header in the input.</param>
/// <param name="VRFromDictionary">True when the VR came from the dictionary, not from the input.</param>
public readonly record struct DicomElementHeader(DicomTag Tag, DicomVR VR, uint Length, long Offset, bool VRFromDictionary)
{
    /// <summary>The length value that means "undefined length" (PS3.5 7.1.1).</summary>
    public const uint UndefinedLength = 0xFFFFFFFF;

    /// <summary>True when the value has undefined length and ends with a delimitation item.</summary>
    public bool HasUndefinedLength => Length == UndefinedLength;
}

namespace Hydra.Dicom.Deidentification;

/// <summary>A private data element known to be safe: element <c>xx</c><see cref="ElementOffset"/> of the block that
/// <see cref="Creator"/> reserved in odd group <see cref="Group"/> (PS3.5 7.8.1).</summary>
internal readonly record struct SafePrivateAttribute(string Creator, ushort Group, byte ElementOffset, string Meaning);

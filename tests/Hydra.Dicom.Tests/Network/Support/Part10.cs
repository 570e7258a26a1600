using System.Buffers.Binary;

namespace Hydra.Dicom.Tests.Network.Support;

/// <summary>The encoded data set of a Part 10 file, as its bytes lie after the meta group (PS3.10 7.1).</summary>
public static class Part10
{
    public static byte[] DatasetBytes(string path)
    {
        var bytes = File.ReadAllBytes(path);
        // Preamble (128) + "DICM" + (0002,0000) UL header (8) + its 4-byte value, then the rest of the meta group.
        var groupLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(140));
        return bytes[(144 + (int)groupLength)..];
    }

    /// <summary>
    /// The data set bytes without a final (FFFC,FFFC) Data Set Trailing Padding element, which dcmtk drops on send.
    /// </summary>
    public static byte[] DatasetBytesWithoutTrailingPadding(string path, DicomFile file)
    {
        var bytes = DatasetBytes(path);
        if (file.Dataset.LastOrDefault() is DicomValueElement { Tag: { Group: 0xFFFC, Element: 0xFFFC } } padding)
        {
            var header = file.TransferSyntax.IsExplicitVR ? 12 : 8;
            return bytes[..^(header + padding.Value.Length)];
        }

        return bytes;
    }
}

using System.Buffers.Binary;

namespace Hydra.Dicom;

/// <summary>
/// Encapsulated pixel data (PS3.5 A.4): a Basic Offset Table item followed by fragment items, kept byte for byte.
/// Fragment contents are never scanned, so a delimiter-like pattern inside compressed data is harmless. The VR is
/// always OB, as PS3.5 A.4 requires (some writers put OW in the header; it means nothing for fragments).
/// </summary>
public sealed class DicomFragmentSequence : DicomElement
{
    /// <summary>Creates encapsulated data from an offset table (may be empty) and fragments.</summary>
    public DicomFragmentSequence(DicomTag tag, ReadOnlyMemory<byte> offsetTable, params IEnumerable<ReadOnlyMemory<byte>> fragments)
        : base(tag, DicomVR.OB)
    {
        ArgumentNullException.ThrowIfNull(fragments);
        OffsetTable = offsetTable;
        Fragments = [.. fragments];
    }

    /// <summary>The value of the first item, the Basic Offset Table (PS3.5 A.4): empty or one 32-bit offset per frame.</summary>
    public ReadOnlyMemory<byte> OffsetTable { get; set; }

    /// <summary>The fragments after the offset table, in order.</summary>
    public List<ReadOnlyMemory<byte>> Fragments { get; }

    /// <summary>The Basic Offset Table decoded as little-endian 32-bit offsets (PS3.5 A.4 Table A.4-1).</summary>
    public uint[] GetOffsets()
    {
        var span = OffsetTable.Span;
        var offsets = new uint[span.Length / 4];
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = BinaryPrimitives.ReadUInt32LittleEndian(span[(i * 4)..]);
        }

        return offsets;
    }

    /// <inheritdoc />
    public override DicomElement Clone() => new DicomFragmentSequence(Tag, OffsetTable, Fragments);
}

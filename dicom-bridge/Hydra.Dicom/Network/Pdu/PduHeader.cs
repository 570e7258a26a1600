using System.Buffers.Binary;
using System.Globalization;

namespace Hydra.Dicom.Network.Pdu;

/// <summary>The 6-byte PDU header (PS3.8 9.3.1): type, a reserved byte, and the 32-bit big-endian length of what follows.</summary>
internal readonly record struct PduHeader(byte Type, uint Length)
{
    public const int Size = 6;

    /// <summary>The whole PDU length, header included.</summary>
    public long TotalLength => Size + (long)Length;

    /// <summary>Reads the header; false when fewer than 6 bytes are in (need more bytes, not an error).</summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out PduHeader header)
    {
        if (data.Length < Size)
        {
            header = default;
            return false;
        }

        header = new PduHeader(data[0], BinaryPrimitives.ReadUInt32BigEndian(data[2..]));
        return true;
    }

    /// <summary>
    /// Throws <see cref="DicomPduException"/> for an unknown type, a fixed-size PDU whose length is not 4, or a length
    /// past <paramref name="limits"/>: checked before any buffer for the body is allocated.
    /// </summary>
    public void Validate(PduLimits limits)
    {
        uint limit;
        switch ((PduType)Type)
        {
            case PduType.AssociateRequest or PduType.AssociateAccept:
                limit = limits.MaxAssociatePduLength;
                break;
            case PduType.DataTransfer:
                limit = limits.MaxDataPduLength;
                break;
            case PduType.AssociateReject or PduType.ReleaseRequest or PduType.ReleaseResponse or PduType.Abort:
                if (Length != 4)
                {
                    throw new DicomPduException(Type, 2, DicomPduReason.InvalidPduParameterValue,
                        string.Create(CultureInfo.InvariantCulture, $"PDU length is {Length}; this PDU type has exactly 4"));
                }

                return;
            default:
                throw new DicomPduException(Type, 0, DicomPduReason.UnrecognizedPdu, "unknown PDU type");
        }

        if (Length > limit)
        {
            throw new DicomPduException(Type, 2, DicomPduReason.InvalidPduParameterValue,
                string.Create(CultureInfo.InvariantCulture, $"PDU length {Length} exceeds the limit of {limit} bytes"));
        }
    }

    public static void Write(Span<byte> destination, PduType type, uint length)
    {
        destination[0] = (byte)type;
        destination[1] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[2..], length);
    }
}

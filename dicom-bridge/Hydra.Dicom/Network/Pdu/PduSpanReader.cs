using System.Buffers.Binary;
using System.Globalization;

namespace Hydra.Dicom.Network.Pdu;

/// <summary>
/// A forward cursor over (part of) one PDU. Every read names its field, so a short or bad value raises a
/// <see cref="DicomPduException"/> that says which field, at which offset from the start of the PDU.
/// </summary>
internal ref struct PduSpanReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly byte _pduType;
    private readonly int _baseOffset;
    private readonly string _scope;
    private int _position;

    /// <summary>A cursor over <paramref name="data"/>, which starts <paramref name="baseOffset"/> bytes into the PDU.</summary>
    public PduSpanReader(ReadOnlySpan<byte> data, byte pduType, int baseOffset, string scope)
    {
        _data = data;
        _pduType = pduType;
        _baseOffset = baseOffset;
        _scope = scope;
        _position = 0;
    }

    public readonly int Remaining => _data.Length - _position;

    /// <summary>Offset of the next byte from the start of the PDU.</summary>
    public readonly int Offset => _baseOffset + _position;

    public byte ReadByte(string field)
    {
        Require(1, field);
        return _data[_position++];
    }

    public ushort ReadUInt16(string field)
    {
        Require(2, field);
        var value = BinaryPrimitives.ReadUInt16BigEndian(_data[_position..]);
        _position += 2;
        return value;
    }

    public uint ReadUInt32(string field)
    {
        Require(4, field);
        var value = BinaryPrimitives.ReadUInt32BigEndian(_data[_position..]);
        _position += 4;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int length, string field)
    {
        Require(length, field);
        var value = _data.Slice(_position, length);
        _position += length;
        return value;
    }

    /// <summary>Reads an item header (PS3.8 9.3.2: type, reserved, 16-bit length) and checks the length against what is left.</summary>
    public PduSpanReader ReadItem(out byte itemType, string scope)
    {
        var start = Offset;
        itemType = ReadByte($"{scope} item type");
        ReadByte($"{scope} reserved byte");
        var length = ReadUInt16($"{scope} item length");
        if (length > Remaining)
        {
            throw Error(start + 2, DicomPduReason.InvalidPduParameterValue,
                $"{scope} item (type 0x{itemType:X2}) length {length} exceeds the {Remaining} bytes left in the {_scope}");
        }

        var body = new PduSpanReader(_data.Slice(_position, length), _pduType, Offset, $"{scope} item 0x{itemType:X2}");
        _position += length;
        return body;
    }

    /// <summary>The rest as ASCII text with trailing NULs and spaces removed (PS3.8 9.3.2.2 and Annex F).</summary>
    public string ReadRemainingText(string field, int maxLength)
    {
        var offset = Offset;
        var bytes = ReadBytes(Remaining, field);
        return DecodeText(bytes, field, offset, maxLength);
    }

    /// <summary>Text of <paramref name="length"/> bytes, trailing NULs and spaces removed.</summary>
    public string ReadText(int length, string field, int maxLength)
    {
        var offset = Offset;
        return DecodeText(ReadBytes(length, field), field, offset, maxLength);
    }

    public readonly DicomPduException Error(int offset, DicomPduReason reason, string detail) =>
        new(_pduType, offset, reason, detail);

    private readonly string DecodeText(ReadOnlySpan<byte> bytes, string field, int offset, int maxLength)
    {
        var end = bytes.Length;
        while (end > 0 && bytes[end - 1] is 0 or (byte)' ')
        {
            end--;
        }

        for (var i = 0; i < end; i++)
        {
            if (bytes[i] is < 0x20 or > 0x7E)
            {
                throw Error(offset + i, DicomPduReason.InvalidPduParameterValue,
                    string.Create(CultureInfo.InvariantCulture, $"{field} holds byte 0x{bytes[i]:X2}, which is not printable ASCII"));
            }
        }

        if (end > maxLength)
        {
            throw Error(offset, DicomPduReason.InvalidPduParameterValue,
                string.Create(CultureInfo.InvariantCulture, $"{field} is {end} characters long; at most {maxLength} are allowed"));
        }

        return System.Text.Encoding.ASCII.GetString(bytes[..end]);
    }

    private readonly void Require(int length, string field)
    {
        if (length > Remaining)
        {
            throw Error(Offset, DicomPduReason.InvalidPduParameterValue,
                string.Create(CultureInfo.InvariantCulture, $"{field} needs {length} bytes but the {_scope} has {Remaining} left"));
        }
    }
}

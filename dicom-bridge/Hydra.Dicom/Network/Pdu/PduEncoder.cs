using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Hydra.Dicom.Network.Pdu;

/// <summary>Encodes the association PDUs (PS3.8 9.3) into one array each, so each goes out with one send.</summary>
internal static class PduEncoder
{
    /// <summary>Encodes an A-ASSOCIATE-RQ (proposals) or -AC (outcomes).</summary>
    public static byte[] EncodeAssociate(AssociatePdu pdu, bool request)
    {
        var output = new ArrayBufferWriter<byte>(512);
        var header = output.GetSpan(PduHeader.Size + 68)[..(PduHeader.Size + 68)];
        header.Clear();
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], pdu.ProtocolVersion);
        WriteAeTitle(header[10..26], pdu.CalledAeTitle);
        WriteAeTitle(header[26..42], pdu.CallingAeTitle);
        output.Advance(header.Length);
        WriteTextItem(output, PduItemType.ApplicationContext, pdu.ApplicationContext);
        if (request)
        {
            foreach (var proposal in pdu.Proposals)
            {
                WriteProposal(output, proposal);
            }
        }
        else
        {
            foreach (var outcome in pdu.Outcomes)
            {
                WriteOutcome(output, outcome);
            }
        }

        WriteUserInformation(output, pdu.UserInformation);
        var bytes = output.WrittenSpan.ToArray();
        PduHeader.Write(bytes, request ? PduType.AssociateRequest : PduType.AssociateAccept, (uint)(bytes.Length - PduHeader.Size));
        return bytes;
    }

    public static byte[] EncodeReject(AssociateRejectPdu reject) =>
        Fixed(PduType.AssociateReject, 0, (byte)reject.Result, (byte)reject.Source, reject.Reason);

    public static byte[] EncodeAbort(AbortPdu abort) => Fixed(PduType.Abort, 0, 0, (byte)abort.Source, (byte)abort.Reason);

    public static byte[] EncodeReleaseRequest() => Fixed(PduType.ReleaseRequest, 0, 0, 0, 0);

    public static byte[] EncodeReleaseResponse() => Fixed(PduType.ReleaseResponse, 0, 0, 0, 0);

    private static byte[] Fixed(PduType type, byte b6, byte b7, byte b8, byte b9)
    {
        var bytes = new byte[10];
        PduHeader.Write(bytes, type, 4);
        bytes[6] = b6;
        bytes[7] = b7;
        bytes[8] = b8;
        bytes[9] = b9;
        return bytes;
    }

    private static void WriteAeTitle(Span<byte> field, string title)
    {
        field.Fill((byte)' ');
        Encoding.ASCII.GetBytes(title.AsSpan(0, Math.Min(title.Length, 16)), field);
    }

    private static void WriteProposal(ArrayBufferWriter<byte> output, PresentationContextProposal proposal)
    {
        var start = BeginItem(output, PduItemType.PresentationContextRequest);
        WriteBytes(output, proposal.Id, 0, 0, 0);
        WriteTextItem(output, PduItemType.AbstractSyntax, proposal.AbstractSyntax);
        foreach (var syntax in proposal.TransferSyntaxes)
        {
            WriteTextItem(output, PduItemType.TransferSyntax, syntax);
        }

        EndItem(output, start);
    }

    private static void WriteOutcome(ArrayBufferWriter<byte> output, PresentationContextOutcome outcome)
    {
        var start = BeginItem(output, PduItemType.PresentationContextAccept);
        WriteBytes(output, outcome.Id, 0, (byte)outcome.Result, 0);
        // PS3.8 9.3.3.2: the transfer syntax sub-item is present in every outcome, significant only when accepted.
        WriteTextItem(output, PduItemType.TransferSyntax, outcome.TransferSyntax ?? string.Empty);
        EndItem(output, start);
    }

    private static void WriteUserInformation(ArrayBufferWriter<byte> output, UserInformation info)
    {
        var start = BeginItem(output, PduItemType.UserInformation);
        var maxLength = BeginItem(output, PduItemType.MaximumLength);
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), info.MaxPduLength);
        output.Advance(4);
        EndItem(output, maxLength);
        WriteTextItem(output, PduItemType.ImplementationClassUid, info.ImplementationClassUid);
        if (info.AsynchronousOperationsWindow is { } window)
        {
            var item = BeginItem(output, PduItemType.AsynchronousOperationsWindow);
            WriteUInt16(output, window.Invoked);
            WriteUInt16(output, window.Performed);
            EndItem(output, item);
        }

        foreach (var role in info.RoleSelections)
        {
            var item = BeginItem(output, PduItemType.RoleSelection);
            WriteUInt16(output, (ushort)role.SopClassUid.Length);
            WriteAscii(output, role.SopClassUid);
            WriteBytes(output, role.ScuRole ? (byte)1 : (byte)0, role.ScpRole ? (byte)1 : (byte)0);
            EndItem(output, item);
        }

        if (info.ImplementationVersionName is { Length: > 0 } version)
        {
            WriteTextItem(output, PduItemType.ImplementationVersionName, version);
        }

        EndItem(output, start);
    }

    private static void WriteTextItem(ArrayBufferWriter<byte> output, PduItemType type, string text)
    {
        var start = BeginItem(output, type);
        WriteAscii(output, text);
        EndItem(output, start);
    }

    private static int BeginItem(ArrayBufferWriter<byte> output, PduItemType type)
    {
        var start = output.WrittenCount;
        WriteBytes(output, (byte)type, 0, 0, 0);
        return start;
    }

    // Item lengths are 16 bits (PS3.8 9.3.2); the items written here are far shorter.
    private static void EndItem(ArrayBufferWriter<byte> output, int start)
    {
        var length = output.WrittenCount - start - 4;
        var written = System.Runtime.InteropServices.MemoryMarshal.AsMemory(output.WrittenMemory).Span;
        BinaryPrimitives.WriteUInt16BigEndian(written[(start + 2)..], checked((ushort)length));
    }

    private static void WriteAscii(ArrayBufferWriter<byte> output, string text)
    {
        var count = Encoding.ASCII.GetBytes(text, output.GetSpan(text.Length));
        output.Advance(count);
    }

    private static void WriteUInt16(ArrayBufferWriter<byte> output, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    private static void WriteBytes(ArrayBufferWriter<byte> output, params ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }
}

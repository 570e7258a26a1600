using System.Buffers.Binary;
using System.Net.Sockets;
using Hydra.Dicom.IO;
using Hydra.Dicom.Network.Pdu;

namespace Hydra.Dicom.Tests.Network.Support;

/// <summary>A hand-driven peer on a raw socket, for sending malformed or badly timed PDUs.</summary>
public sealed class RawPeer : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;

    private RawPeer(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawPeer> ConnectAsync(int port)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port);
        return new RawPeer(client);
    }

    public static RawPeer Wrap(TcpClient client) => new(client);

    /// <summary>An A-ASSOCIATE-RQ proposing Verification (context 1) and CT Image Storage (context 3) in Explicit VR LE.</summary>
    public static byte[] AssociateRequest(string called = "HYDRA", string calling = "RAW", string verification = "1.2.840.10008.1.1") =>
        PduEncoder.EncodeAssociate(new AssociatePdu
        {
            CalledAeTitle = called,
            CallingAeTitle = calling,
            Proposals =
            [
                new PresentationContextProposal(1, verification, ["1.2.840.10008.1.2.1"]),
                new PresentationContextProposal(3, "1.2.840.10008.5.1.4.1.1.2", ["1.2.840.10008.1.2.1"]),
            ],
            UserInformation = new UserInformation { MaxPduLength = 16384, ImplementationClassUid = "1.2.3.4" },
        }, request: true);

    /// <summary>A P-DATA-TF with one PDV.</summary>
    public static byte[] PData(byte contextId, byte messageControlHeader, byte[] fragment)
    {
        var pdu = new byte[12 + fragment.Length];
        pdu[0] = 0x04;
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(2), (uint)(6 + fragment.Length));
        BinaryPrimitives.WriteUInt32BigEndian(pdu.AsSpan(6), (uint)(2 + fragment.Length));
        pdu[10] = contextId;
        pdu[11] = messageControlHeader;
        fragment.CopyTo(pdu, 12);
        return pdu;
    }

    /// <summary>An encoded C-ECHO-RQ command set.</summary>
    public static byte[] EchoCommand(ushort messageId = 1)
    {
        var command = new DicomDataset();
        command.SetString(Hydra.Dicom.Dictionary.DicomTags.AffectedSOPClassUID, DicomVR.UI, "1.2.840.10008.1.1");
        command.SetNumbers(Hydra.Dicom.Dictionary.DicomTags.CommandField, DicomVR.US, [(ushort)0x0030]);
        command.SetNumbers(Hydra.Dicom.Dictionary.DicomTags.MessageID, DicomVR.US, [messageId]);
        command.SetNumbers(Hydra.Dicom.Dictionary.DicomTags.CommandDataSetType, DicomVR.US, [(ushort)0x0101]);
        return DicomDatasetWriter.EncodeCommand(command);
    }

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    /// <summary>Sends A-ASSOCIATE-RQ and returns the answer's PDU type.</summary>
    public async Task<byte> AssociateAsync(byte[]? request = null)
    {
        await SendAsync(request ?? AssociateRequest());
        return (await ReadPduAsync())![0];
    }

    /// <summary>The next whole PDU, or null when the peer closed the connection.</summary>
    public async Task<byte[]?> ReadPduAsync()
    {
        var header = new byte[6];
        if (!await ReadAsync(header))
        {
            return null;
        }

        var pdu = new byte[6 + BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(2))];
        header.CopyTo(pdu, 0);
        return await ReadAsync(pdu.AsMemory(6)) ? pdu : null;
    }

    /// <summary>Reads PDUs until the connection closes; returns the last PDU seen (e.g. an A-ABORT).</summary>
    public async Task<byte[]?> ReadUntilClosedAsync()
    {
        byte[]? last = null;
        try
        {
            while (await ReadPduAsync() is { } pdu)
            {
                last = pdu;
            }
        }
        catch (IOException)
        {
        }

        return last;
    }

    public void Close() => _client.Client.Close();

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }

    private async Task<bool> ReadAsync(Memory<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var count = await _stream.ReadAsync(buffer[read..]);
            if (count == 0)
            {
                return false;
            }

            read += count;
        }

        return true;
    }
}

using System.Buffers.Binary;
using Hydra.Dicom.Network;
using Hydra.Dicom.Network.Pdu;
using Hydra.Dicom.Network.Protocol;

namespace Hydra.Dicom.Tests.Network;

public sealed class PduCodecTests
{
    [Fact]
    public void EncodeAssociate_ThenParse_KeepsEveryField()
    {
        // Arrange
        var request = new AssociatePdu
        {
            CalledAeTitle = "HYDRA",
            CallingAeTitle = "SCU",
            Proposals = [new PresentationContextProposal(1, "1.2.840.10008.1.1", ["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"])],
            UserInformation = new UserInformation
            {
                MaxPduLength = 65536,
                ImplementationClassUid = "1.2.3.4",
                ImplementationVersionName = "TEST_1",
                AsynchronousOperationsWindow = (3, 1),
                RoleSelections = [new DicomRoleSelection("1.2.840.10008.5.1.4.1.1.2", false, true)],
            },
        };

        // Act
        var parsed = PduParser.ParseAssociate(PduEncoder.EncodeAssociate(request, request: true));

        // Assert
        Assert.Equal("HYDRA", parsed.CalledAeTitle);
        Assert.Equal("SCU", parsed.CallingAeTitle);
        Assert.Equal(AssociatePdu.DicomApplicationContext, parsed.ApplicationContext);
        var proposal = Assert.Single(parsed.Proposals);
        Assert.Equal(["1.2.840.10008.1.2.1", "1.2.840.10008.1.2"], proposal.TransferSyntaxes);
        Assert.Equal(65536u, parsed.UserInformation.MaxPduLength);
        Assert.Equal("TEST_1", parsed.UserInformation.ImplementationVersionName);
        Assert.Equal(((ushort)3, (ushort)1), parsed.UserInformation.AsynchronousOperationsWindow);
        Assert.Equal(request.UserInformation.RoleSelections, parsed.UserInformation.RoleSelections);
    }

    [Fact]
    public void ParseAssociate_UidWithTrailingNulAndPaddedAeTitle_AreTrimmed()
    {
        // Arrange
        var pdu = PduEncoder.EncodeAssociate(new AssociatePdu
        {
            CalledAeTitle = "  HYDRA",
            CallingAeTitle = "SCU",
            Proposals = [new PresentationContextProposal(1, "1.2.840.10008.1.1\0", ["1.2.840.10008.1.2\0"])],
            UserInformation = new UserInformation { ImplementationClassUid = "1.2.3\0" },
        }, request: true);

        // Act
        var parsed = PduParser.ParseAssociate(pdu);

        // Assert
        Assert.Equal("HYDRA", parsed.CalledAeTitle);
        Assert.Equal("1.2.840.10008.1.1", parsed.Proposals[0].AbstractSyntax);
        Assert.Equal("1.2.840.10008.1.2", parsed.Proposals[0].TransferSyntaxes[0]);
        Assert.Equal("1.2.3", parsed.UserInformation.ImplementationClassUid);
    }

    [Fact]
    public void ParseAssociate_ItemPastItsEnclosure_NamesFieldAndOffset()
    {
        // Arrange
        var pdu = PduEncoder.EncodeAssociate(new AssociatePdu
        {
            CalledAeTitle = "A",
            CallingAeTitle = "B",
            UserInformation = new UserInformation { ImplementationClassUid = "1.2" },
        }, request: true);
        BinaryPrimitives.WriteUInt16BigEndian(pdu.AsSpan(74 + 2), 500);

        // Act
        var error = Assert.Throws<DicomPduException>(() => PduParser.ParseAssociate(pdu));

        // Assert
        Assert.Equal(0x01, error.PduType);
        Assert.Equal(76, error.Offset);
        Assert.Equal(DicomPduReason.InvalidPduParameterValue, error.Reason);
        Assert.Contains("A-ASSOCIATE-RQ PDU, offset 76", error.Message);
    }

    [Fact]
    public void TryRead_FewerThanSixBytes_NeedsMore()
    {
        Assert.False(PduHeader.TryRead([0x04, 0, 0, 0, 0], out _));
        Assert.True(PduHeader.TryRead([0x04, 0, 0, 0, 1, 0], out var header));
        Assert.Equal(256u, header.Length);
    }

    [Fact]
    public void ParseData_SeveralPdvs_ListsEach()
    {
        // Arrange
        byte[] pdu = [0x04, 0, 0, 0, 0, 16, 0, 0, 0, 4, 1, 3, 9, 9, 0, 0, 0, 4, 1, 2, 7, 7];
        var pdvs = new List<Pdv>();

        // Act
        PduParser.ParseData(pdu, pdvs);

        // Assert
        Assert.Equal([new Pdv(1, true, true, 12, 2), new Pdv(1, false, true, 20, 2)], pdvs);
    }

    [Theory]
    [InlineData(4096u, 10_000)]
    [InlineData(4097u, 9_998)]
    [InlineData(0u, 600_000)]
    public async Task PDataStream_CutsFragmentsWithinThePeerMaximum_EvenAndLastFlagged(uint peerMax, int length)
    {
        // Arrange
        var transport = new RecordingStream();
        var buffer = new byte[PDataStream.BufferSize(peerMax, 256 * 1024)];
        var stream = new PDataStream(transport, buffer, 5, isCommand: false);
        var data = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

        // Act
        await stream.WriteAsync(data.AsMemory(0, length / 3));
        await stream.WriteAsync(data.AsMemory(length / 3));
        await stream.CompleteAsync(CancellationToken.None);

        // Assert
        var reassembled = new List<byte>();
        for (var i = 0; i < transport.Writes.Count; i++)
        {
            var pdu = transport.Writes[i];
            var pduLength = BinaryPrimitives.ReadUInt32BigEndian(pdu.AsSpan(2));
            Assert.True(peerMax == 0 ? pduLength <= 256 * 1024 : pduLength <= peerMax);
            var pdvs = new List<Pdv>();
            PduParser.ParseData(pdu, pdvs);
            var pdv = Assert.Single(pdvs);
            Assert.Equal(0, pdv.Length % 2);
            Assert.Equal(i == transport.Writes.Count - 1, pdv.IsLast);
            Assert.False(pdv.IsCommand);
            reassembled.AddRange(pdu.AsSpan(pdv.Offset, pdv.Length).ToArray());
        }

        Assert.Equal(data, reassembled);
    }

    private sealed class RecordingStream : MemoryStream
    {
        public List<byte[]> Writes { get; } = [];

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes.Add(buffer.ToArray());
            return ValueTask.CompletedTask;
        }
    }
}

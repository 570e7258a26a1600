using System.Text;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.IO;
using Hydra.Dicom.Network;
using Hydra.Dicom.Network.Services;
using Hydra.Dicom.Tests.Network.Support;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Network;

/// <summary>
/// C-STORE requests whose command a DICOM writer could never have produced are refused with a status and a comment
/// naming the problem; the association stays up and takes the next image.
/// </summary>
public sealed class MalformedStoreTests
{
    private const byte CtContext = 3;
    private const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

    public static TheoryData<string, byte[]> BadInstanceUids() => new()
    {
        { "a non-ASCII byte", [.. "1.2.3.4"u8, 0xE9] },
        { "a letter", [.. "1.2.3.a"u8, 0] },
        { "a control byte", [.. "1.2.3"u8, 0x07, .. "45"u8] },
        { "65 characters", Encoding.ASCII.GetBytes("1." + new string('2', 63) + "\0") },
    };

    [Theory]
    [MemberData(nameof(BadInstanceUids))]
    public async Task StoreWithAMalformedSopInstanceUid_IsRefused_AndTheAssociationTakesTheNextImage(string what, byte[] uid)
    {
        // Arrange: the handler builds file meta information from the request, as the bridge does.
        var store = new RecordingStoreHandler();
        store.Answer = request =>
        {
            request.CreateFileMetaInformation();
            return DicomStoreResult.Success;
        };
        await using var server = await TestServer.StartAsync(new DicomServerHandlers { Store = store });
        await using var peer = await RawPeer.ConnectAsync(server.Port);
        Assert.Equal(0x02, await peer.AssociateAsync().DefaultTimeout());

        // Act
        var refused = await StoreAsync(peer, 1, uid);
        var next = await StoreAsync(peer, 2, Encoding.ASCII.GetBytes("1.2.3.4.5\0"));

        // Assert
        Assert.Equal(DicomStatus.CannotUnderstand.Code, refused.GetNumber<ushort>(DicomTags.Status));
        Assert.Contains("SOP Instance UID", refused.GetString(DicomTags.ErrorComment), StringComparison.Ordinal);
        Assert.False(refused.Contains(DicomTags.AffectedSOPInstanceUID), what);
        Assert.Equal(DicomStatus.Success.Code, next.GetNumber<ushort>(DicomTags.Status));
        Assert.Equal("1.2.3.4.5", next.GetString(DicomTags.AffectedSOPInstanceUID));
        Assert.Equal("1.2.3.4.5", Assert.Single(store.Received).SopInstanceUid);
        Assert.DoesNotContain(server.Logs.Lines, l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    // Sends a C-STORE-RQ whose Affected SOP Instance UID holds exactly `uid`, then a small CT data set; returns the response.
    private static async Task<DicomDataset> StoreAsync(RawPeer peer, ushort messageId, byte[] uid)
    {
        var command = new DicomDataset();
        command.SetString(DicomTags.AffectedSOPClassUID, DicomVR.UI, CtImageStorage);
        command.SetNumbers(DicomTags.CommandField, DicomVR.US, [(ushort)0x0001]);
        command.SetNumbers(DicomTags.MessageID, DicomVR.US, [messageId]);
        command.SetNumbers(DicomTags.Priority, DicomVR.US, [(ushort)0]);
        command.SetNumbers(DicomTags.CommandDataSetType, DicomVR.US, [(ushort)0]);
        command.Set(new DicomValueElement(DicomTags.AffectedSOPInstanceUID, DicomVR.UI, uid));
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SOPClassUID, DicomVR.UI, CtImageStorage);
        dataset.SetString(DicomTags.PatientID, DicomVR.LO, "P1");

        await peer.SendAsync(RawPeer.PData(CtContext, 0x03, DicomDatasetWriter.EncodeCommand(command)));
        await peer.SendAsync(RawPeer.PData(CtContext, 0x02, DicomDatasetWriter.Encode(dataset, DicomTransferSyntax.ExplicitVRLittleEndian)));
        var answer = await peer.ReadPduAsync().DefaultTimeout();

        Assert.True(answer is [0x04, ..], "expected a P-DATA-TF with the C-STORE-RSP");
        Assert.Equal(0x03, answer[11]);
        return DicomDatasetReader.ReadCommand(answer.AsMemory(12));
    }
}

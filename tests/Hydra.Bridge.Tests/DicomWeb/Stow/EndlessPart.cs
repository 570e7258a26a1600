using System.Net;
using System.Text;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;

namespace Hydra.Bridge.Tests.DicomWeb.Stow;

/// <summary>
/// One multipart part holding a DICOM file whose encapsulated pixel data goes on (64 KiB fragments) up to
/// <c>limit</c> bytes, generated while it is sent: a huge upload without a huge buffer.
/// </summary>
public sealed class EndlessPart : HttpContent
{
    private const int Fragment = 64 * 1024;

    private readonly string _boundary;
    private readonly long _limit;
    private long _produced;

    public EndlessPart(string boundary, long limit)
    {
        _boundary = boundary;
        _limit = limit;
    }

    /// <summary>Bytes handed to the connection so far.</summary>
    public long Produced => Interlocked.Read(ref _produced);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await WriteAsync(stream, Encoding.ASCII.GetBytes($"--{_boundary}\r\nContent-Type: application/dicom\r\n\r\n"), cancellationToken);
        await WriteAsync(stream, Head(), cancellationToken);
        var item = new byte[8 + Fragment];
        item[0] = 0xFE;
        item[1] = 0xFF;
        item[2] = 0x00;
        item[3] = 0xE0;
        BitConverter.TryWriteBytes(item.AsSpan(4), Fragment);
        while (Produced < _limit)
        {
            await WriteAsync(stream, item, cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    private async Task WriteAsync(Stream stream, byte[] data, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(data, cancellationToken);
        Interlocked.Add(ref _produced, data.Length);
    }

    // The file up to the pixel data, then (7FE0,0010) OB of undefined length and an empty basic offset table.
    private static byte[] Head()
    {
        var dataset = new DicomDataset();
        dataset.SetString(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7");
        dataset.SetString(DicomTags.SOPInstanceUID, DicomUid.Generate());
        dataset.SetString(DicomTags.StudyInstanceUID, DicomUid.Generate());
        dataset.SetString(DicomTags.SeriesInstanceUID, DicomUid.Generate());
        var file = new DicomFile(dataset, DicomTransferSyntax.JpegBaseline).ToArray();
        byte[] pixels = [0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'B', 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0xFF, 0x00, 0xE0, 0, 0, 0, 0];
        return [.. file, .. pixels];
    }
}

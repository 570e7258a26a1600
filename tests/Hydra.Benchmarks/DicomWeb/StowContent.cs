using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>
/// A STOW-RS request body (PS3.18 10.5.1.1): <c>multipart/related; type="application/dicom"</c>, one PS3.10 file per
/// part, each file opened only when its part is sent, so a request of any size is streamed and never held.
/// </summary>
public sealed class StowContent : HttpContent
{
    private readonly IReadOnlyList<string> _files;
    private readonly byte[] _partHead;
    private readonly byte[] _tail;

    public StowContent(IReadOnlyList<string> files)
    {
        _files = files;
        var boundary = "hydra-bench-" + Guid.NewGuid().ToString("N");
        _partHead = Encoding.ASCII.GetBytes($"--{boundary}\r\nContent-Type: application/dicom\r\n\r\n");
        _tail = Encoding.ASCII.GetBytes($"--{boundary}--\r\n");
        Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/related; type=\"application/dicom\"; boundary={boundary}");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var file in _files)
        {
            await stream.WriteAsync(_partHead, cancellationToken);
            await using (var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            {
                await source.CopyToAsync(stream, 128 * 1024, cancellationToken);
            }

            // The CRLF before the next delimiter belongs to the delimiter (RFC 2046 5.1.1).
            await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
        }

        await stream.WriteAsync(_tail, cancellationToken);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _files.Sum(f => _partHead.Length + new FileInfo(f).Length + 2) + _tail.Length;
        return true;
    }
}

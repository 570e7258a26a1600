using System.Text;

namespace Hydra.Bridge.DicomWeb.Wado;

/// <summary>
/// Writes a <c>multipart/related</c> body (RFC 2387, PS3.18 8.7.3.2) part by part into the response: a random boundary
/// (no part can contain it by chance), each part's headers, its bytes streamed by the caller, then the close delimiter.
/// </summary>
internal sealed class MultipartWriter
{
    private readonly Stream _body;
    private bool _first = true;

    public MultipartWriter(HttpResponse response, string partType)
    {
        Boundary = Guid.NewGuid().ToString("N");
        response.ContentType = DicomWebMedia.MultipartContentType(partType, Boundary);
        response.Headers.CacheControl = "no-store";
        _body = response.Body;
    }

    public string Boundary { get; }

    /// <summary>Starts a part: the delimiter and its headers; the caller then writes its bytes to <see cref="Body"/>.</summary>
    public Task BeginPartAsync(string contentType, CancellationToken cancellationToken, string? contentLocation = null)
    {
        var head = new StringBuilder();
        head.Append(_first ? "--" : "\r\n--").Append(Boundary).Append("\r\nContent-Type: ").Append(contentType).Append("\r\n");
        if (contentLocation is not null)
        {
            head.Append("Content-Location: ").Append(contentLocation).Append("\r\n");
        }

        head.Append("\r\n");
        _first = false;
        return _body.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken).AsTask();
    }

    public Stream Body => _body;

    /// <summary>The close delimiter: only after it may the client take the body for complete.</summary>
    public Task EndAsync(CancellationToken cancellationToken) =>
        _body.WriteAsync(Encoding.ASCII.GetBytes((_first ? "--" : "\r\n--") + Boundary + "--\r\n"), cancellationToken).AsTask();
}

using System.Net.Http.Headers;
using System.Text;

namespace Hydra.Bridge.Tests.DicomWeb.Wado;

/// <summary>One part of a multipart/related answer: its Content-Type and bytes.</summary>
public sealed record MultipartPart(string ContentType, byte[] Body);

/// <summary>A strict reader of multipart/related bodies (RFC 2046 5.1.1): the boundary from Content-Type, CRLF framing, the close delimiter required.</summary>
public static class MultipartBody
{
    public static IReadOnlyList<MultipartPart> Parse(MediaTypeHeaderValue? contentType, byte[] body)
    {
        Assert.NotNull(contentType);
        Assert.Equal("multipart/related", contentType.MediaType);
        var boundary = contentType.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<MultipartPart>();
        var position = IndexOf(body, delimiter, 0);
        Assert.Equal(0, position);
        while (true)
        {
            position += delimiter.Length;
            if (body.AsSpan(position).StartsWith("--"u8))
            {
                return parts;
            }

            Assert.True(body.AsSpan(position).StartsWith("\r\n"u8), "a delimiter is followed by CRLF");
            var headersEnd = IndexOf(body, "\r\n\r\n"u8.ToArray(), position);
            var headers = Encoding.ASCII.GetString(body, position + 2, headersEnd - position - 2).Split("\r\n");
            var type = headers.Single(h => h.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase))["Content-Type:".Length..].Trim();
            var start = headersEnd + 4;
            var next = IndexOf(body, [.. "\r\n"u8, .. delimiter], start);
            Assert.True(next >= 0, "the body ends with the close delimiter");
            parts.Add(new MultipartPart(type, body[start..next]));
            position = next + 2;
        }
    }

    private static int IndexOf(byte[] data, byte[] pattern, int start)
    {
        var index = data.AsSpan(start).IndexOf(pattern);
        return index < 0 ? -1 : start + index;
    }
}

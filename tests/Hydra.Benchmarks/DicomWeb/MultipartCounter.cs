using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.WebUtilities;

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>
/// What one WADO-RS retrieve delivered: DICOM parts, bytes on the wire (the body) and in the parts, when the first part
/// had been read whole, and the total time.
/// </summary>
public sealed record RetrieveResult(int Parts, long BodyBytes, long PartBytes, TimeSpan FirstPart, TimeSpan Elapsed);

/// <summary>
/// Reads a WADO-RS answer (<c>multipart/related; type="application/dicom"</c>) to its end without keeping it: every
/// part is read and counted, and each must be a DICOM file (PS3.10: "DICM" after the 128-byte preamble), so a server
/// that answered fast with something else would fail the bench rather than win it.
/// </summary>
public static class MultipartCounter
{
    private const int PreambleAndMagic = 132;

    public static async Task<RetrieveResult> ReadAsync(HttpResponseMessage response, Stopwatch watch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(watch);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"The retrieve was answered {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        }

        var boundary = Boundary(response.Content.Headers.ContentType);
        await using var body = new CountingStream(await response.Content.ReadAsStreamAsync(cancellationToken));
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null };
        var buffer = new byte[128 * 1024];
        var (parts, partBytes, firstPart) = (0, 0L, TimeSpan.Zero);
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (section.ContentType is null || !section.ContentType.StartsWith("application/dicom", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"Part {parts + 1} has Content-Type '{section.ContentType}', not application/dicom.");
            }

            var length = 0L;
            int read;
            while ((read = await section.Body.ReadAsync(buffer.AsMemory((int)Math.Min(length, PreambleAndMagic)), cancellationToken)) > 0)
            {
                if (length < PreambleAndMagic && length + read >= PreambleAndMagic && !buffer.AsSpan(128, 4).SequenceEqual("DICM"u8))
                {
                    throw new InvalidOperationException($"Part {parts + 1} is not a DICOM file (no DICM after the preamble).");
                }

                length += read;
            }

            if (length < PreambleAndMagic)
            {
                throw new InvalidOperationException($"Part {parts + 1} holds only {length} bytes.");
            }

            firstPart = parts == 0 ? watch.Elapsed : firstPart;
            parts++;
            partBytes += length;
        }

        return new RetrieveResult(parts, body.Count, partBytes, firstPart, watch.Elapsed);
    }

    private static string Boundary(MediaTypeHeaderValue? contentType)
    {
        if (contentType?.MediaType is not "multipart/related")
        {
            throw new InvalidOperationException($"The retrieve was answered with Content-Type '{contentType}', not multipart/related.");
        }

        var type = contentType.Parameters.FirstOrDefault(p => p.Name.Equals("type", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');
        var boundary = contentType.Parameters.FirstOrDefault(p => p.Name.Equals("boundary", StringComparison.OrdinalIgnoreCase))?.Value?.Trim('"');
        if (!string.Equals(type, "application/dicom", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(boundary))
        {
            throw new InvalidOperationException($"Content-Type '{contentType}' lacks type=\"application/dicom\" or a boundary.");
        }

        return boundary;
    }
}

using System.Diagnostics;
using System.Net.Http.Headers;

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>Stores files by STOW-RS in requests of <paramref name="Batch"/> instances, one request after the other.</summary>
public sealed record StowSender(int Batch)
{
    /// <summary>POSTs <paramref name="files"/> to <c>dicom-web/studies</c>; returns the wall time of all the requests.</summary>
    /// <exception cref="InvalidOperationException">A request was not answered 200 (all stored).</exception>
    public async Task<TimeSpan> SendAsync(HttpClient http, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(files);
        var watch = Stopwatch.StartNew();
        foreach (var chunk in files.Chunk(Batch))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "dicom-web/studies") { Content = new StowContent(chunk), Version = http.DefaultRequestVersion, VersionPolicy = http.DefaultVersionPolicy };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/dicom+json"));
            using var response = await http.SendAsync(request, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            if ((int)response.StatusCode != 200)
            {
                throw new InvalidOperationException(
                    $"STOW-RS of {chunk.Length} instances to {http.BaseAddress} was answered {(int)response.StatusCode}: {answer[..Math.Min(answer.Length, 500)]}");
            }
        }

        return watch.Elapsed;
    }
}

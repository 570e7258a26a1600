using System.Diagnostics;

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>
/// The bridge's transport floor for a retrieve: the same images' stored ciphertext (as many bytes as the images, give
/// or take the container's tags) fetched from its reader endpoint over the same HTTP/2 on grid TLS, with no key rebuilt
/// and nothing decrypted. What a WADO-RS retrieve costs beyond this is the keys and the decryption.
/// </summary>
public static class CiphertextTransfer
{
    /// <summary>Requests in flight: enough to keep one HTTP/2 connection busy between answers.</summary>
    public const int InFlight = 4;

    public static async Task<WebRun> RunAsync(HttpClient http, IReadOnlyList<string> sopInstanceUids, Func<TimeSpan> serverCpu, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(sopInstanceUids);
        ArgumentNullException.ThrowIfNull(serverCpu);
        var cpuBefore = serverCpu();
        var watch = Stopwatch.StartNew();
        long bytes = 0;
        var first = TimeSpan.Zero;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(async _ =>
        {
            var buffer = new byte[64 * 1024];
            int index;
            while ((index = Interlocked.Increment(ref next)) < sopInstanceUids.Count)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/images/{sopInstanceUids[index]}/object")
                {
                    Version = http.DefaultRequestVersion,
                    VersionPolicy = http.DefaultVersionPolicy,
                };
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                response.EnsureSuccessStatusCode();
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    Interlocked.Add(ref bytes, read);
                }

                if (index == 0)
                {
                    first = watch.Elapsed;
                }
            }
        }));
        watch.Stop();
        return new WebRun(sopInstanceUids.Count, bytes, watch.Elapsed, first, serverCpu() - cpuBefore, TimeSpan.Zero);
    }
}

using System.Diagnostics;
using System.Net.Http.Headers;

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>A WADO-RS study retrieve (PS3.18 10.4.1.1.1), every byte read and counted, with the serving processes' CPU time.</summary>
public static class WadoRetrieve
{
    /// <summary>What both servers are asked for: the instances as stored, as PS3.10 files in one multipart answer.</summary>
    public const string Accept = "multipart/related; type=\"application/dicom\"";

    /// <summary>
    /// Retrieves study <paramref name="studyInstanceUid"/> from <paramref name="http"/> (base address of the origin
    /// server; DICOMweb under <c>dicom-web/</c>) and checks it holds <paramref name="expected"/> instances.
    /// </summary>
    public static async Task<WebRun> RunAsync(
        HttpClient http, string studyInstanceUid, int expected, Func<TimeSpan> serverCpu, Func<TimeSpan> nodesCpu, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(serverCpu);
        ArgumentNullException.ThrowIfNull(nodesCpu);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"dicom-web/studies/{studyInstanceUid}")
        {
            // HTTP/2 for the bridge, HTTP/1.1 for Orthanc: whatever the client was made for (a request alone defaults to 1.1).
            Version = http.DefaultRequestVersion,
            VersionPolicy = http.DefaultVersionPolicy,
        };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(Accept));
        var (cpuBefore, nodesBefore) = (serverCpu(), nodesCpu());
        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var result = await MultipartCounter.ReadAsync(response, watch, cancellationToken);
        watch.Stop();
        var (cpu, nodes) = (serverCpu() - cpuBefore, nodesCpu() - nodesBefore);
        if (result.Parts != expected)
        {
            throw new InvalidOperationException($"{http.BaseAddress} served {result.Parts} instances of study {studyInstanceUid}, not {expected}.");
        }

        return new WebRun(result.Parts, result.BodyBytes, result.Elapsed, result.FirstPart, cpu, nodes);
    }
}

using System.Text.Json;

namespace Hydra.Testing.Viewer;

/// <summary>What the viewport canvas showed: its size, how many distinct grey sums it held, the share of lit pixels.</summary>
public sealed record CanvasSample(int Width, int Height, int DistinctValues, double LitFraction);

/// <summary>A DICOMweb response the page received.</summary>
public sealed record PageRequest(string Method, string Path, int Status);

/// <summary>
/// The JSON summary <c>interop/view.mjs</c> prints: study list rows and when they showed, the canvas once it showed an
/// image, requests aborted because they left 127.0.0.1, the page's DICOMweb requests, script errors, and the first
/// failure (a wait that timed out), with the screenshot taken either way.
/// </summary>
public sealed record ViewerRun(
    int StudyRows,
    long StudyListMs,
    long RenderedMs,
    CanvasSample? Canvas,
    IReadOnlyList<string> Blocked,
    IReadOnlyList<PageRequest> DicomWeb,
    IReadOnlyList<string> Errors,
    string Screenshot,
    string? ViewerUrl = null,
    string? Failure = null)
{
    /// <summary>For assertion messages: everything but the request list, which can be long.</summary>
    public override string ToString() =>
        $"rows={StudyRows} list={StudyListMs}ms rendered={RenderedMs}ms canvas={Canvas} failure={Failure ?? "none"} " +
        $"blocked=[{string.Join(", ", Blocked)}] errors=[{string.Join(" | ", Errors)}] failed requests=[" +
        string.Join(", ", DicomWeb.Where(r => r.Status >= 400).Select(r => $"{r.Status} {r.Method} {r.Path}")) + $"] screenshot={Screenshot}";
}

/// <summary>
/// Drives OHIF in headless Chromium (Debian <c>chromium</c>, npm <c>playwright-core</c>) as a reader would: open the
/// study list, pick the study, open it in the Basic Viewer, wait for the image. A bearer token rides on every request
/// as <c>Authorization</c> (playwright's extraHTTPHeaders), as a reverse proxy in front of the viewer would add it.
/// </summary>
public static class OhifBrowser
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="studyText">Text the study's row shows (e.g. its date or modality); the first row when null.</param>
    public static async Task<ViewerRun> OpenStudyAsync(
        ViewerHost host, string screenshot, string? bearerToken = null, string? studyText = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var node = Peers.Require("node", "nodejs");
        var chromium = Peers.Require("chromium", "chromium");
        var interop = ViewerLocations.RequirePlaywright();
        var limit = timeout ?? TimeSpan.FromSeconds(90);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(screenshot))!);

        // The token goes in a private file, not on the command line where any process listing would show it.
        using var folder = new TempDirectory("hydra-viewer-run");
        var optionsPath = folder.Combine("options.json");
        await File.WriteAllTextAsync(optionsPath, JsonSerializer.Serialize(new
        {
            url = host.Address.ToString(),
            chromium,
            token = bearerToken,
            studyText,
            screenshot = Path.GetFullPath(screenshot),
            timeoutMs = (long)limit.TotalMilliseconds,
        }, Json), cancellationToken);

        return await NodeDriver.RunAsync<ViewerRun>(node, interop, "view.mjs", optionsPath, "viewer driver", limit * 3, Json, cancellationToken);
    }
}

using System.Text.Json;

namespace Hydra.Testing.Viewer;

/// <summary>An image the study page showed: its address, its alternative text, and its decoded width (0: broken).</summary>
public sealed record PortalImage(string Src, string Alt, int NaturalWidth);

/// <summary>A forged address the patient tried and the status it got.</summary>
public sealed record PortalForgery(string Path, int Status);

/// <summary>A study link of the patient's list: its text (the date) and address.</summary>
public sealed record PortalStudyLink(string Text, string Href);

/// <summary>
/// The JSON summary <c>interop/portal.mjs</c> prints: whether sign-in worked, what the pages showed, where the zip was
/// saved, what forged addresses got, whether sign-out worked and whether the old cookie still opened a session.
/// </summary>
public sealed record PortalRun(
    bool SignedIn,
    IReadOnlyList<PortalStudyLink> Studies,
    IReadOnlyList<PortalImage> Images,
    string? Zip,
    IReadOnlyList<IReadOnlyList<string>> AccessRows,
    string? AccessCaption,
    IReadOnlyList<PortalForgery> Forged,
    bool SignedOut,
    bool? ReplaySignedIn,
    IReadOnlyList<string> Blocked,
    IReadOnlyList<string> Screenshots,
    string? Failure)
{
    public override string ToString() =>
        $"signedIn={SignedIn} studies={Studies.Count} images={Images.Count} zip={Zip ?? "none"} access rows={AccessRows.Count} " +
        $"forged=[{string.Join(", ", Forged.Select(f => $"{f.Path}={f.Status}"))}] signedOut={SignedOut} replay={ReplaySignedIn} " +
        $"blocked=[{string.Join(", ", Blocked)}] failure={Failure ?? "none"} screenshots={string.Join(", ", Screenshots)}";
}

/// <summary>
/// Drives the bridge's patient portal in headless Chromium (Debian <c>chromium</c>, npm <c>playwright-core</c>) as a
/// patient would, from sign-in at the OpenID provider to sign-out and a replay of the old cookie (see portal.mjs).
/// </summary>
public static class PortalBrowser
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="portal">The portal's address, e.g. <c>https://127.0.0.1:41234/</c>.</param>
    /// <param name="account">The provider account to sign in as (any password).</param>
    /// <param name="screenshots">Folder for the screenshots (and the downloaded zip).</param>
    /// <param name="prefix">Prefix of this run's files.</param>
    /// <param name="forged">Portal paths to try after signing in (e.g. another patient's image).</param>
    public static async Task<PortalRun> RunAsync(
        Uri portal, string account, string screenshots, string prefix, IReadOnlyList<string>? forged = null, TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var node = Peers.Require("node", "nodejs");
        var chromium = Peers.Require("chromium", "chromium");
        var interop = ViewerLocations.RequirePlaywright();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        Directory.CreateDirectory(screenshots);
        using var folder = new TempDirectory("hydra-portal-run");
        var optionsPath = folder.Combine("options.json");
        await File.WriteAllTextAsync(optionsPath, JsonSerializer.Serialize(new
        {
            portal = portal.ToString(),
            chromium,
            account,
            screenshots = Path.GetFullPath(screenshots),
            prefix,
            forged = forged ?? [],
            timeoutMs = (long)limit.TotalMilliseconds,
        }, Json), cancellationToken);

        return await NodeDriver.RunAsync<PortalRun>(node, interop, "portal.mjs", optionsPath, "portal driver", limit * 4, Json, cancellationToken);
    }
}

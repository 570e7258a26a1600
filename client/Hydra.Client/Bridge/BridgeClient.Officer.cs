using System.Net.Http.Json;
using Hydra.Bridge.Contract;

namespace Hydra.Client.Bridge;

/// <summary>
/// The officer's review (issue 22): quarantined originals and redacted images. The bridge rebuilds each key on the
/// officer's behalf, so the nodes decide and audit every view and decision with the officer as subject and the bridge
/// as delegate. Callers who are not officers get <see cref="BridgeException"/> with 403; unknown ids 404.
/// </summary>
public sealed partial class BridgeClient
{
    /// <summary>The quarantined originals: id, reason, sender, arrival, regions found, and the decision so far.</summary>
    public async Task<IReadOnlyList<QuarantineSummary>> ListQuarantineAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "v1/quarantine"), cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(BridgeJsonContext.Default.ListQuarantineSummary, cancellationToken).ConfigureAwait(false) ?? [];
    }

    /// <summary>A PNG of the quarantined original (the frame with most found regions), the regions outlined in red.</summary>
    public Task<byte[]> GetQuarantineThumbnailAsync(string id, CancellationToken cancellationToken) =>
        GetBytesAsync($"v1/quarantine/{Escape(id)}/thumbnail", cancellationToken);

    /// <summary>
    /// Releases a quarantined original: the officer vouches for its pixels, and it is de-identified and stored as an
    /// image like any other (pixels as they are). Releasing again answers the first release.
    /// </summary>
    public Task<QuarantineDecisionResult> ReleaseQuarantinedAsync(string id, CancellationToken cancellationToken) =>
        DecideAsync(id, "release", cancellationToken);

    /// <summary>Records the decision to keep a quarantined original in quarantine.</summary>
    public Task<QuarantineDecisionResult> KeepQuarantinedAsync(string id, CancellationToken cancellationToken) =>
        DecideAsync(id, "keep", cancellationToken);

    /// <summary>The catalogued images whose pixels were redacted, with their blanked regions (never their text).</summary>
    public async Task<IReadOnlyList<RedactionSummary>> ListRedactionsAsync(CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "v1/redactions"), cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(BridgeJsonContext.Default.ListRedactionSummary, cancellationToken).ConfigureAwait(false) ?? [];
    }

    /// <summary>A PNG of a redacted image's redacted frame with the blanked regions outlined, stored at ingest.</summary>
    public Task<byte[]> GetRedactionThumbnailAsync(string sopInstanceUid, CancellationToken cancellationToken) =>
        GetBytesAsync($"v1/redactions/{Escape(sopInstanceUid)}/thumbnail", cancellationToken);

    private async Task<QuarantineDecisionResult> DecideAsync(string id, string decision, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, $"v1/quarantine/{Escape(id)}/{decision}"), cancellationToken)
            .ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync(BridgeJsonContext.Default.QuarantineDecisionResult, cancellationToken).ConfigureAwait(false)
            ?? throw new BridgeException(response.StatusCode, $"The bridge at {_endpoint} answered the {decision} with an empty body.");
    }

    private async Task<byte[]> GetBytesAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Escape(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }
}

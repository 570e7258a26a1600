using Hydra.Bridge.Options;
using Hydra.Bridge.Readers;
using Hydra.Cluster;

namespace Hydra.Bridge.Review;

/// <summary>
/// Who may use the officer endpoints: a caller of the reader endpoint (certificate or bearer token) whom the
/// configured quarantine ACL (Bridge:QuarantineAcl) would give the quarantine keys. That only keeps listings to
/// officers; every view and decision also needs the nodes to rebuild the key for the officer, and they audit it.
/// </summary>
internal sealed class OfficerAccess
{
    private readonly ReaderAuthentication _readers;
    private readonly CatalogAccess _access;
    private readonly IReadOnlyList<string> _quarantineAcl;
    private readonly ILogger _logger;

    public OfficerAccess(ReaderAuthentication readers, CatalogAccess access, BridgeOptions options, ILogger<OfficerAccess> logger)
    {
        _readers = readers;
        _access = access;
        _quarantineAcl = options.QuarantineAcl;
        _logger = logger;
    }

    public ILogger Logger => _logger;

    /// <summary>The officer calling <paramref name="context"/>, or the refusal (401/403) to answer with.</summary>
    public async Task<(ReaderCaller? Officer, IResult? Refusal)> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var check = await _readers.AuthenticateAsync(context, cancellationToken);
        if (!check.Passed)
        {
            return (null, check.Refusal);
        }

        var caller = check.Reader.Identity;
        if (!_access.MayGet(_quarantineAcl, caller))
        {
            ReviewLog.NotOfficer(_logger, caller.SubjectText, context.Request.Path.Value ?? string.Empty);
            return (null, ReaderEndpoints.Problem(
                StatusCodes.Status403Forbidden, $"{caller.SubjectText} is not an officer of this bridge (Bridge:QuarantineAcl) and may not review quarantined or redacted images."));
        }

        return (check.Reader, null);
    }

    /// <summary>The answer when the nodes would not rebuild a review key for <paramref name="officer"/>.</summary>
    public IResult KeyRefused(ReaderCaller officer, string keyId, ClusterException ex)
    {
        ReviewLog.KeyRefused(_logger, officer.Identity.SubjectText, keyId, ex.Message);
        return ex.IsAccessDenied
            ? ReaderEndpoints.Problem(StatusCodes.Status403Forbidden, $"The keystore nodes refused you the key {keyId}: {ex.Message}")
            : ReaderEndpoints.Problem(StatusCodes.Status503ServiceUnavailable, $"The key {keyId} could not be rebuilt now: {ex.Message}");
    }
}

namespace Hydra.Bridge.Options;

/// <summary>
/// The DICOMweb origin server under <c>/dicom-web</c> on the reader endpoint (section <c>Bridge:DicomWeb</c>): QIDO-RS,
/// WADO-RS and STOW-RS with the reader endpoint's credentials, bounded so one client cannot starve the others.
/// </summary>
public sealed class BridgeDicomWebOptions
{
    /// <summary>
    /// Most matches one QIDO-RS answer holds; a larger <c>limit</c> (or none) is cut to this with a <c>Warning</c>
    /// header (PS3.18 8.3.4.4). Defaults to 1000.
    /// </summary>
    public int MaxResults { get; set; } = 1000;

    /// <summary>
    /// DICOMweb requests served at once; more are answered 503 with <c>Retry-After</c> rather than queued, so a
    /// burst cannot pile up memory or key fetches. Defaults to 32.
    /// </summary>
    public int MaxConcurrentRequests { get; set; } = 32;

    /// <summary>Seconds a client is told to wait (<c>Retry-After</c>) when the bridge is busy. Defaults to 2.</summary>
    public int RetryAfterSeconds { get; set; } = 2;

    /// <summary>
    /// Largest instance (one multipart part) STOW-RS accepts, in bytes; a bigger part is refused as soon as it passes
    /// the limit, without being stored. Defaults to 512 MiB.
    /// </summary>
    public long MaxInstanceBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Most instances one STOW-RS request may carry. Defaults to 10,000.</summary>
    public int MaxInstancesPerRequest { get; set; } = 10_000;

    /// <summary>
    /// Who may store through STOW-RS: a principal (<c>dn:...</c>, <c>fqan:...</c>, <c>oidc:...</c>) to the source name
    /// its images are ingested as (a key of <c>Bridge:Sources</c> for its ACL and profile, else the default ACL).
    /// Empty (the default): nobody may store over DICOMweb.
    /// </summary>
    public Dictionary<string, string> Senders { get; set; } = new(StringComparer.Ordinal);
}

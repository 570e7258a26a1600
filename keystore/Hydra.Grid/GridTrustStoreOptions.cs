namespace Hydra.Grid;

/// <summary>Revocation policy of a <see cref="GridTrustStore"/>. The defaults fail closed.</summary>
public sealed record GridTrustStoreOptions
{
    /// <summary>
    /// Whether every CA that issues a validated certificate must have a CRL (<c>&lt;hash&gt;.r0</c>) in the trust
    /// directory. Default: true. With false, a CA without a CRL passes its certificates unchecked.
    /// </summary>
    public bool RequireCrl { get; init; } = true;

    /// <summary>
    /// Whether a CRL past its nextUpdate is an error (<see cref="GridCredentialError.CrlUnavailable"/>).
    /// Default: true, since a stale CRL may miss revocations (fetch-crl stopped running).
    /// </summary>
    public bool RejectStaleCrl { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static GridTrustStoreOptions Default { get; } = new();
}

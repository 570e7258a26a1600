namespace Hydra.Grid;

/// <summary>Options of <see cref="ProxyChainValidator"/>.</summary>
public sealed record ProxyChainValidatorOptions
{
    /// <summary>
    /// How far a proxy's notBefore may lie in the future, for clock skew with the machine that made it. Default:
    /// 5 minutes (canl-java PROXY_VALIDATION_GRACE_PERIOD). Expiry is never extended.
    /// </summary>
    public TimeSpan ProxyNotBeforeGrace { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest chain accepted, in certificates (proxies + end entity + CAs sent along). Default: 12.</summary>
    public int MaxChainLength { get; init; } = 12;

    /// <summary>The defaults.</summary>
    public static ProxyChainValidatorOptions Default { get; } = new();
}

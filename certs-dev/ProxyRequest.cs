namespace Hydra.CertsDev;

/// <summary>
/// What proxy <see cref="DevPki.CreateProxy"/> makes. The defaults give what voms-proxy-init would: a 12-hour RFC 3820
/// impersonation proxy of <see cref="User"/> with one AC of the user's VO and FQANs. The other knobs make broken
/// credentials for negative tests.
/// </summary>
public sealed record ProxyRequest
{
    /// <summary>The cast member (see <see cref="DevUser"/>).</summary>
    public required string User { get; init; }

    /// <summary>The AC's VO. Default: the user's VO (none for <see cref="DevUser.NoVo"/>, or when issuing from a proxy).</summary>
    public string? Vo { get; init; }

    /// <summary>The AC's FQANs, in order. Default: the user's FQANs. Not checked against the VO, on purpose.</summary>
    public IReadOnlyList<string>? Fqans { get; init; }

    /// <summary>Make a proxy without any AC. Default: false.</summary>
    public bool WithoutAc { get; init; }

    /// <summary>Proxy lifetime from now. Default: 12 hours.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(12);

    /// <summary>Make a Globus limited proxy. Default: false.</summary>
    public bool Limited { get; init; }

    /// <summary>pCPathLenConstraint. Default: none (unlimited).</summary>
    public int? PathLength { get; init; }

    /// <summary>AC lifetime from now. Default: <see cref="Lifetime"/>.</summary>
    public TimeSpan? AcLifetime { get; init; }

    /// <summary>Override of the AC's notBefore.</summary>
    public DateTimeOffset? AcNotBefore { get; init; }

    /// <summary>Override of the AC's notAfter.</summary>
    public DateTimeOffset? AcNotAfter { get; init; }

    /// <summary>Override of the proxy's notBefore (default: 5 minutes ago, as VOMS does).</summary>
    public DateTimeOffset? ProxyNotBefore { get; init; }

    /// <summary>Override of the proxy's notAfter.</summary>
    public DateTimeOffset? ProxyNotAfter { get; init; }

    /// <summary>Sign the AC with the rogue AA (same DN as the real AA, issued by the untrusted rogue CA).</summary>
    public bool AcSignedByRogueAuthority { get; init; }

    /// <summary>Bind the AC to another cast member's certificate instead of the proxy's user.</summary>
    public string? AcHolder { get; init; }

    /// <summary>Name the holder by its issuer (VOMS <c>-newformat</c>) instead of its subject.</summary>
    public bool NewFormatHolder { get; init; }

    /// <summary>Target the AC at these hosts (VOMS encoding, critical). Default: no targeting.</summary>
    public IReadOnlyList<string> AcTargets { get; init; } = [];

    /// <summary>Add an unknown critical extension to the AC.</summary>
    public bool UnknownCriticalAcExtension { get; init; }

    /// <summary>Add an unknown critical extension to the proxy certificate.</summary>
    public bool UnknownCriticalProxyExtension { get; init; }

    /// <summary>Sign the proxy with a key that is not its issuer's.</summary>
    public bool SignWithWrongKey { get; init; }

    /// <summary>Issue from this proxy (proxy of a proxy) instead of from the user's certificate.</summary>
    public ProxyCredential? IssueFrom { get; init; }

    /// <summary>Where to write the proxy file. Default: <c>proxies/x509up_&lt;user&gt;_&lt;n&gt;</c> in the PKI folder.</summary>
    public string? OutputPath { get; init; }
}

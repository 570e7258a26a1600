using Hydra.Tokens;

namespace Hydra.Hosting;

/// <summary>
/// Which bearer-token issuers a service trusts, for which audiences and VOs, and whether token callers may connect
/// without a client certificate. Read from each service's own section (<c>Keystore:Tokens</c>, <c>Bridge:Tokens</c>);
/// no issuers (the default) means the service accepts no tokens.
/// </summary>
public sealed class TokenSettings
{
    /// <summary>
    /// Whether TLS clients may connect without a certificate, so people holding only a token can call. Default false:
    /// every connection then presents a grid certificate, and a token (if any) names the caller. Needs an issuer.
    /// </summary>
    public bool AllowWithoutClientCertificate { get; set; }

    /// <summary>The trusted issuers.</summary>
    public List<TokenIssuerSettings> Issuers { get; set; } = [];

    /// <summary>Whether any issuer is configured.</summary>
    public bool Enabled => Issuers.Count > 0;

    /// <summary>Adds a message per mistake to <paramref name="failures"/>, each naming the setting.</summary>
    public void Validate(string section, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (AllowWithoutClientCertificate && !Enabled)
        {
            failures.Add($"{section}:AllowWithoutClientCertificate needs at least one {section}:Issuers entry: without one nobody could authenticate.");
        }

        for (var i = 0; i < Issuers.Count; i++)
        {
            try
            {
                Issuers[i].ToOptions().Validate();
            }
            catch (ArgumentException ex)
            {
                failures.Add($"{section}:Issuers:{i}: {ex.Message}");
            }
        }

        foreach (var twice in Issuers.GroupBy(i => i.Issuer, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            failures.Add($"{section}:Issuers: issuer '{twice.Key}' is configured twice.");
        }
    }
}

/// <summary>One trusted issuer, as configuration spells it (see <see cref="TokenIssuerOptions"/> for each meaning).</summary>
public sealed class TokenIssuerSettings
{
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The audiences this service accepts from the issuer: its own URL and, if the site wants one, a cluster audience.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>The VOs whose groups the issuer may assert.</summary>
    public List<string> Vos { get; set; } = [];

    /// <summary>Signature algorithms; empty takes the default (RS256, ES256, PS256).</summary>
    public List<string> Algorithms { get; set; } = [];

    /// <summary>Leeway on <c>exp</c>, <c>nbf</c>, <c>iat</c> in seconds: default 60, at most 300.</summary>
    public double ClockSkewSeconds { get; set; } = 60;

    /// <summary>Longest token accepted, in characters: default 8192.</summary>
    public int MaxTokenLength { get; set; } = 8 * 1024;

    /// <summary>Seconds fetched keys serve before they are fetched again: default 3600.</summary>
    public double KeyRefreshSeconds { get; set; } = 3600;

    /// <summary>Least seconds between fetches caused by an unknown <c>kid</c>: default 60.</summary>
    public double UnknownKeyRefreshSeconds { get; set; } = 60;

    /// <summary>Refuse tokens claiming groups of other VOs rather than drop those groups: default false.</summary>
    public bool RefuseUntrustedGroups { get; set; }

    /// <summary>Allow an http issuer on a loopback address (tests only): default false.</summary>
    public bool AllowHttpOnLoopback { get; set; }

    public TokenIssuerOptions ToOptions()
    {
        var defaults = new TokenIssuerOptions { Issuer = Issuer, Audiences = [.. Audiences] };
        return defaults with
        {
            Vos = [.. Vos],
            Algorithms = Algorithms.Count > 0 ? [.. Algorithms] : defaults.Algorithms,
            ClockSkew = Seconds(ClockSkewSeconds),
            MaxTokenLength = MaxTokenLength,
            KeyRefreshInterval = Seconds(KeyRefreshSeconds),
            UnknownKeyRefreshInterval = Seconds(UnknownKeyRefreshSeconds),
            RefuseUntrustedGroups = RefuseUntrustedGroups,
            AllowHttpOnLoopback = AllowHttpOnLoopback,
        };
    }

    // NaN and out-of-range values become a duration Validate refuses with the setting's name.
    private static TimeSpan Seconds(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 1e9 ? TimeSpan.FromSeconds(value) : TimeSpan.MinValue;
}

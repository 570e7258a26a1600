namespace Hydra.CertsDev;

/// <summary>What <see cref="DevPki.Create"/> makes. Every default suits a test run or a local demo.</summary>
public sealed record DevPkiOptions
{
    /// <summary>Lifetime of the CA certificates. Default: 3650 days.</summary>
    public TimeSpan CaLifetime { get; init; } = TimeSpan.FromDays(3650);

    /// <summary>Lifetime of host, user and AA certificates. Default: 365 days.</summary>
    public TimeSpan CertificateLifetime { get; init; } = TimeSpan.FromDays(365);

    /// <summary>Time from the CRL's thisUpdate to its nextUpdate. Default: 30 days.</summary>
    public TimeSpan CrlLifetime { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Host certificates to issue (each gets SANs: the name, localhost, 127.0.0.1). Default: node1..node3, bridge.</summary>
    public IReadOnlyList<string> Hosts { get; init; } = ["node1", "node2", "node3", "bridge"];

    /// <summary>
    /// Hosts of <see cref="Hosts"/> whose key is EC P-256 (the certificate signed by the RSA CA as usual); the others are
    /// RSA 2048. Default: none.
    /// </summary>
    public IReadOnlyList<string> EcHosts { get; init; } = [];

    /// <summary>Users issued in addition to <see cref="DevUserProfile.Cast"/>. Default: none.</summary>
    public IReadOnlyList<DevUserProfile> ExtraUsers { get; init; } = [];

    /// <summary>Whether to replace a PKI already in the folder. Default: false (refuse).</summary>
    public bool Force { get; init; }

    /// <summary>The defaults.</summary>
    public static DevPkiOptions Default { get; } = new();
}

using Hydra.Hosting;
using Hydra.Keystore.Sealing;

namespace Hydra.Keystore.Options;

/// <summary>
/// Configuration of one keystore node, bound from the <c>Keystore</c> section of appsettings.json and from
/// environment variables such as <c>Keystore__NodeId</c>.
/// </summary>
public sealed class KeystoreOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Keystore";

    /// <summary>This node's identifier, unique in the cluster and recorded in every audit record. Required.</summary>
    public string NodeId { get; set; } = string.Empty;

    /// <summary>Address to listen on. Defaults to <c>127.0.0.1</c>.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>TCP port to listen on; 0 picks a free port (tests). Defaults to 7443.</summary>
    public int Port { get; set; } = 7443;

    /// <summary>
    /// The LiteDB file holding shares, ACLs and the audit trail. Required with the LiteDb back end (the default); must
    /// be empty with PostgreSql (<see cref="Database"/>).
    /// </summary>
    public string DataFile { get; set; } = string.Empty;

    /// <summary>PEM file with the node's host certificate (and any intermediates). Required.</summary>
    public string HostCertificate { get; set; } = string.Empty;

    /// <summary>PEM file with the host certificate's private key. Required.</summary>
    public string HostKey { get; set; } = string.Empty;

    /// <summary>Grid trust directory: CA certificates as <c>hash.0</c> and CRLs as <c>hash.r0</c>. Required.</summary>
    public string TrustDirectory { get; set; } = string.Empty;

    /// <summary>VOMS trust directory (<c>vo/host.lsc</c> files and AA certificates). Empty disables VOMS.</summary>
    public string VomsDirectory { get; set; } = string.Empty;

    /// <summary>
    /// Host names this node answers to, matched against VOMS AC targets. Defaults to the host certificate's DNS names.
    /// </summary>
    public List<string> HostNames { get; set; } = [];

    /// <summary>
    /// Seconds between rereads of the trust and VOMS folders (a change there is also picked up within about a second).
    /// Defaults to 300.
    /// </summary>
    public double TrustReloadSeconds { get; set; } = GridHostSettings.DefaultTrustReloadSeconds;

    /// <summary>The grid host settings these options name.</summary>
    public GridHostSettings GridHost() =>
        new(HostCertificate, HostKey, TrustDirectory, VomsDirectory, HostNames, TrustReloadSeconds)
        {
            ClientCertificateOptional = Tokens.AllowWithoutClientCertificate,
        };

    /// <summary>
    /// Bearer tokens (section <c>Keystore:Tokens</c>): trusted issuers with this node's audiences and their VOs, and
    /// whether token callers may connect without a client certificate. None by default: grid certificates only.
    /// </summary>
    public TokenSettings Tokens { get; set; } = new();

    /// <summary>Node-level roles, as principals (<c>dn:/DC=...</c> or <c>fqan:/vo/group/*</c>).</summary>
    public KeystoreRoleOptions Roles { get; set; } = new();

    /// <summary>The other nodes of the cluster: they witness this node's audit checkpoints. Empty by default.</summary>
    public List<KeystorePeerOptions> Peers { get; set; } = [];

    /// <summary>Audit trail sealing.</summary>
    public KeystoreAuditOptions Audit { get; set; } = new();

    /// <summary>The storage back end (section <c>Keystore:Database</c>): LiteDB (default) or PostgreSQL.</summary>
    public KeystoreDatabaseOptions Database { get; set; } = new();

    /// <summary>Storage tuning.</summary>
    public KeystoreStorageOptions Storage { get; set; } = new();

    /// <summary>What seals the stored share envelopes (section <c>Keystore:Seal</c>): a key file (default) or a PKCS#11 HSM key.</summary>
    public SealSettings Seal { get; set; } = new();
}

using Hydra.Dicom.Redaction;
using Hydra.Hosting;

namespace Hydra.Bridge.Options;

/// <summary>
/// Configuration of the DICOM bridge, bound from the <c>Bridge</c> section of appsettings.json, environment variables
/// (<c>Bridge__AeTitle</c>) or the command line (<c>--Bridge:AeTitle=...</c>).
/// </summary>
public sealed class BridgeOptions
{
    public const string SectionName = "Bridge";

    /// <summary>The bridge's AE title. Defaults to <c>HYDRA</c>.</summary>
    public string AeTitle { get; set; } = "HYDRA";

    /// <summary>Address the DICOM ports and the reader endpoint listen on. Defaults to <c>127.0.0.1</c>.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>DICOM port for hospital senders (C-STORE, C-ECHO); 0 picks a free port. Defaults to 11112.</summary>
    public int DicomPort { get; set; } = 11112;

    /// <summary>DICOM TLS port (PS3.15 secure transport) for readers: C-FIND, C-GET, C-MOVE; 0 picks one. Defaults to 2762.</summary>
    public int DicomTlsPort { get; set; } = 2762;

    /// <summary>HTTPS port (grid TLS) where grid clients list the catalog and fetch ciphertext; 0 picks one. Defaults to 8444.</summary>
    public int ReaderPort { get; set; } = 8444;

    /// <summary>Calling AE titles allowed to send images. Empty (the default) allows any.</summary>
    public List<string> AllowedSenders { get; set; } = [];

    /// <summary>Folder for the object store, catalog, hand-off queue, quarantine and secret. Required.</summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>The keystore cluster file (nodes, threshold, write quorum). Required.</summary>
    public string ClusterFile { get; set; } = string.Empty;

    /// <summary>PEM host certificate of the bridge (its identity to keystore nodes and readers). Required.</summary>
    public string HostCertificate { get; set; } = string.Empty;

    /// <summary>PEM private key of the host certificate. Required.</summary>
    public string HostKey { get; set; } = string.Empty;

    /// <summary>Grid trust directory (CA certificates and CRLs). Defaults to <c>/etc/grid-security/certificates</c>.</summary>
    public string TrustDirectory { get; set; } = "/etc/grid-security/certificates";

    /// <summary>VOMS trust directory; empty disables VOMS. Defaults to <c>/etc/grid-security/vomsdir</c>.</summary>
    public string VomsDirectory { get; set; } = "/etc/grid-security/vomsdir";

    /// <summary>
    /// Seconds between rereads of the trust and VOMS folders (a change there is also picked up within about a second).
    /// Defaults to 300.
    /// </summary>
    public double TrustReloadSeconds { get; set; } = GridHostSettings.DefaultTrustReloadSeconds;

    /// <summary>
    /// The secret behind pseudonyms and UID mappings (at least 32 bytes). Created with mode 600 when missing. Defaults
    /// to <c>DataDirectory/bridge.secret</c>. Losing it breaks longitudinal linkage; leaking it links pseudonyms back.
    /// </summary>
    public string SecretFile { get; set; } = string.Empty;

    /// <summary>Certificates (PEM) of the officers who may re-identify images (PS3.15 E.1.2). Empty by default.</summary>
    public List<string> ReidentificationCertificates { get; set; } = [];

    /// <summary>ACL entries (<c>PRINCIPAL=PERMS</c>) every ingested image gets unless its sender has its own. Empty by default.</summary>
    public List<string> DefaultAcl { get; set; } = [];

    /// <summary>Per sending AE title: its own ACL and de-identification profile.</summary>
    public Dictionary<string, BridgeSourceOptions> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>ACL of quarantined originals (encrypted; for officers only). Defaults to none beyond the bridge.</summary>
    public List<string> QuarantineAcl { get; set; } = [];

    /// <summary>Principals who may revoke a reader's access to a study through the bridge. Empty by default.</summary>
    public List<string> Curators { get; set; } = [];

    /// <summary>C-MOVE destinations: AE title to <c>host:port</c>, or <c>host:port:tls</c>.</summary>
    public Dictionary<string, string> MoveDestinations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How the ingest port shares its associations between configured senders and other callers.</summary>
    public BridgeSenderLimitOptions SenderLimits { get; set; } = new();

    /// <summary>Where the ciphertext objects are kept: the data folder (the default) or an S3 bucket.</summary>
    public BridgeObjectOptions Objects { get; set; } = new();

    /// <summary>Where the catalog and queues live: the embedded LiteDB file (the default) or a shared PostgreSQL database.</summary>
    public BridgeDatabaseOptions Database { get; set; } = new();

    /// <summary>Ingest pipeline tuning.</summary>
    public BridgeIngestOptions Ingest { get; set; } = new();

    /// <summary>
    /// Burned-in text: every image's pixels scanned (Tesseract OCR) and text blanked before release (PS3.15 E.3.1);
    /// see Hydra.Dicom.Redaction's README for each setting and its default.
    /// </summary>
    public PixelCleaningOptions PixelCleaning { get; set; } = new();

    /// <summary>DICOMweb (QIDO-RS, WADO-RS, STOW-RS) under <c>/dicom-web</c> on the reader endpoint.</summary>
    public BridgeDicomWebOptions DicomWeb { get; set; } = new();

    /// <summary>What patients get: a grant on their own images' keys, and the right to withdraw research access.</summary>
    public BridgePatientOptions Patients { get; set; } = new();

    /// <summary>
    /// Bearer tokens on the reader endpoint (section <c>Bridge:Tokens</c>): trusted issuers with the bridge's audiences
    /// and their VOs; <c>AllowWithoutClientCertificate</c> lets token holders connect without a client certificate.
    /// A reader's token is forwarded to the nodes, so it must also name an audience every node accepts (see README).
    /// No issuers (the default): tokens are refused.
    /// </summary>
    public TokenSettings Tokens { get; set; } = new();

    /// <summary>The patient portal (section <c>Bridge:Portal</c>); off unless its port is set.</summary>
    public BridgePortalOptions Portal { get; set; } = new();

    /// <summary>The grid host settings these options name (the bridge's VOMS targets are its certificate's DNS names).</summary>
    public GridHostSettings GridHost() =>
        new(HostCertificate, HostKey, TrustDirectory, VomsDirectory, [], TrustReloadSeconds)
        {
            // Only the reader endpoint uses the host's TLS options; the DICOM TLS port always asks for a certificate.
            ClientCertificateOptional = Tokens.AllowWithoutClientCertificate,
        };
}

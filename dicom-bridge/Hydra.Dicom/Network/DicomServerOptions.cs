using System.Net;
using Hydra.Dicom.IO;
using Hydra.Dicom.Network.Tls;

namespace Hydra.Dicom.Network;

/// <summary>Configuration of a <see cref="DicomServer"/>. Every default is stated; <see cref="Validate"/> checks them together.</summary>
public sealed class DicomServerOptions
{
    /// <summary>This node's AE title (at most 16 characters). Default "HYDRA".</summary>
    public string AeTitle { get; set; } = "HYDRA";

    /// <summary>Whether the called AE title must equal <see cref="AeTitle"/> (else rejected: source 1, reason 7). Default true.</summary>
    public bool CheckCalledAeTitle { get; set; } = true;

    /// <summary>Calling AE titles allowed to associate (else rejected: source 1, reason 3); empty allows any. Default empty.</summary>
    public ISet<string> AllowedCallingAeTitles { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Address to listen on. Default 127.0.0.1 (set <see cref="IPAddress.Any"/> to serve the network).</summary>
    public IPAddress BindAddress { get; set; } = IPAddress.Loopback;

    /// <summary>Plain TCP port; 0 picks a free one, null disables it. Default 11112.</summary>
    public int? Port { get; set; } = 11112;

    /// <summary>DICOM TLS port (PS3.15 B.1; 2762 by convention); 0 picks a free one, null disables it. Default null.</summary>
    public int? TlsPort { get; set; }

    /// <summary>The TLS server side used on <see cref="TlsPort"/>; required with it. Default null.</summary>
    public IDicomTlsAcceptor? Tls { get; set; }

    /// <summary>The TLS client side for C-MOVE destinations marked TLS. Default null.</summary>
    public IDicomTlsConnector? OutboundTls { get; set; }

    /// <summary>Largest P-DATA-TF PDU this node receives, announced to peers (PS3.8 D.1), in bytes. Default 131,072.</summary>
    public uint MaxPduLength { get; set; } = 131_072;

    /// <summary>Largest A-ASSOCIATE-RQ accepted, in bytes. Default 1,048,576.</summary>
    public uint MaxAssociatePduLength { get; set; } = 1_048_576;

    /// <summary>Most associations open at once; more are rejected transiently (source 3, reason 2). Default 64.</summary>
    public int MaxAssociations { get; set; } = 64;

    /// <summary>
    /// Most associations open at once from one calling IP address (rejected like <see cref="MaxAssociations"/>), and
    /// most connections from it still owing their A-ASSOCIATE-RQ: a newer one closes the oldest, so silent sockets
    /// cannot lock out a sender from the same host. Default 16.
    /// </summary>
    public int MaxAssociationsPerAddress { get; set; } = 16;

    /// <summary>Most associations open at once for one calling AE title (rejected like <see cref="MaxAssociations"/>). Default 16.</summary>
    public int MaxAssociationsPerCallingAeTitle { get; set; } = 16;

    /// <summary>
    /// Calling AE titles of configured senders, for whom <see cref="ReservedAssociations"/> slots are kept. AE titles are
    /// not authenticated: the per-address and per-AE limits still bound a caller that claims one. Default empty.
    /// </summary>
    public ISet<string> KnownCallingAeTitles { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Of <see cref="MaxAssociations"/>, how many only <see cref="KnownCallingAeTitles"/> may take (none when that set is
    /// empty; then any value is allowed, else it must stay below <see cref="MaxAssociations"/>). Default 16.
    /// </summary>
    public int ReservedAssociations { get; set; } = 16;

    /// <summary>Most requests a peer may have outstanding on one association (PS3.7 D.3.3.3). Default 1.</summary>
    public int MaxAsynchronousOperations { get; set; } = 1;

    /// <summary>
    /// ARTIM timer (PS3.8 9.1.5): from TCP accept to the A-ASSOCIATE-RQ (TLS handshake included), and for release answers
    /// and closes. Short, since a connection holds a place until it asks for an association. Default 10 s.
    /// </summary>
    public TimeSpan ArtimTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Longest silence allowed while the peer owes a PDU (idle association, mid-message) and longest time to receive any
    /// one PDU once it has begun (defeats slow senders); the association is aborted after it. Default 60 s.
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait for the response to a C-STORE sub-operation this node sent (C-GET, C-MOVE). Default 60 s.</summary>
    public TimeSpan DimseTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>On <see cref="DicomServer.StopAsync"/>, how long open associations may run before they are aborted. Default 10 s.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Transfer syntaxes accepted, in order of preference: for each presentation context the first of these that the
    /// peer proposes is chosen. Query and verification contexts take only the uncompressed ones. Default: Explicit VR
    /// LE, Implicit VR LE, then every encapsulated syntax this library names (stored byte for byte), Deflated, Big Endian.
    /// </summary>
    public IList<DicomTransferSyntax> TransferSyntaxes { get; } = DefaultTransferSyntaxes();

    /// <summary>Storage SOP classes accepted beyond the standard ones (e.g. private classes). Default empty.</summary>
    public ISet<string> ExtraStorageSopClasses { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>C-MOVE destinations by AE title; an unknown one is answered A801. Default empty.</summary>
    public IDictionary<string, DicomMoveDestination> MoveDestinations { get; } = new Dictionary<string, DicomMoveDestination>(StringComparer.Ordinal);

    /// <summary>Largest data set accepted outside C-STORE (query identifiers), in bytes. Default 1,048,576.</summary>
    public long MaxIdentifierLength { get; set; } = 1_048_576;

    /// <summary>Limits for parsing received data sets. Default <see cref="DicomReaderOptions.Default"/>.</summary>
    public DicomReaderOptions ReaderOptions { get; set; } = DicomReaderOptions.Default;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range or inconsistent.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(AeTitle) || AeTitle.Length > 16 || AeTitle.Any(c => c is < ' ' or > '~' or '\\'))
        {
            throw new ArgumentException("AeTitle needs 1-16 printable ASCII characters without backslash.", nameof(AeTitle));
        }

        if (Port is null && TlsPort is null)
        {
            throw new ArgumentException("Set Port, TlsPort or both.", nameof(Port));
        }

        if (TlsPort is not null && Tls is null)
        {
            throw new ArgumentException("TlsPort needs Tls (an IDicomTlsAcceptor).", nameof(Tls));
        }

        if (MaxPduLength is > 0 and < 4096 or > Pdu.PduLimits.HardMaximum)
        {
            throw new ArgumentException("MaxPduLength is 0 (no limit; 64 MiB at most are read) or 4096 to 67,108,864.", nameof(MaxPduLength));
        }

        if (MaxAssociatePduLength is < 1024 or > Pdu.PduLimits.HardMaximum)
        {
            throw new ArgumentException("MaxAssociatePduLength is 1,024 to 67,108,864 bytes.", nameof(MaxAssociatePduLength));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxAssociations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxAssociationsPerAddress);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxAssociationsPerCallingAeTitle);
        if (ReservedAssociations < 0 || (KnownCallingAeTitles.Count > 0 && ReservedAssociations >= MaxAssociations))
        {
            throw new ArgumentException(
                $"ReservedAssociations must be 0 to MaxAssociations - 1 ({MaxAssociations - 1}) with known calling AE titles.", nameof(ReservedAssociations));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxAsynchronousOperations);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxIdentifierLength);
        foreach (var (name, value) in new[] { (nameof(ArtimTimeout), ArtimTimeout), (nameof(IdleTimeout), IdleTimeout),
            (nameof(DimseTimeout), DimseTimeout), (nameof(ShutdownTimeout), ShutdownTimeout) })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentException($"{name} must be positive.", name);
            }
        }

        if (TransferSyntaxes.Count == 0)
        {
            throw new ArgumentException("Accept at least one transfer syntax.", nameof(TransferSyntaxes));
        }

        ReaderOptions.Validate();
    }

    private static List<DicomTransferSyntax> DefaultTransferSyntaxes() =>
    [
        DicomTransferSyntax.ExplicitVRLittleEndian,
        DicomTransferSyntax.ImplicitVRLittleEndian,
        .. DicomTransferSyntax.All.Where(s => s.IsEncapsulated).OrderBy(s => s.Uid, StringComparer.Ordinal),
        DicomTransferSyntax.DeflatedExplicitVRLittleEndian,
        DicomTransferSyntax.ExplicitVRBigEndian,
    ];
}

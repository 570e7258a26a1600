using Hydra.Dicom.IO;
using Hydra.Dicom.Network.Tls;

namespace Hydra.Dicom.Network;

/// <summary>Configuration of a <see cref="DicomClient"/> (the association requestor). Every default is stated.</summary>
public sealed class DicomClientOptions
{
    /// <summary>This side's AE title. Default "HYDRA-SCU".</summary>
    public string CallingAeTitle { get; set; } = "HYDRA-SCU";

    /// <summary>The peer's AE title. Default "ANY-SCP".</summary>
    public string CalledAeTitle { get; set; } = "ANY-SCP";

    /// <summary>The peer's host name or address. Default "127.0.0.1".</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The peer's port. Default 11112.</summary>
    public int Port { get; set; } = 11112;

    /// <summary>The TLS client side; null for plain TCP. Default null.</summary>
    public IDicomTlsConnector? Tls { get; set; }

    /// <summary>Largest P-DATA-TF PDU this side receives, announced to the peer, in bytes. Default 131,072.</summary>
    public uint MaxPduLength { get; set; } = 131_072;

    /// <summary>Wait for the TCP connection. Default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>ARTIM (PS3.8 9.1.5): wait for the A-ASSOCIATE answer (including TLS) and the release answer. Default 30 s.</summary>
    public TimeSpan ArtimTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait for each response to a request, and for the rest of a PDU or message once begun. Default 60 s.</summary>
    public TimeSpan DimseTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Limits for parsing received data sets. Default <see cref="DicomReaderOptions.Default"/>.</summary>
    public DicomReaderOptions ReaderOptions { get; set; } = DicomReaderOptions.Default;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        foreach (var (name, title) in new[] { (nameof(CallingAeTitle), CallingAeTitle), (nameof(CalledAeTitle), CalledAeTitle) })
        {
            if (string.IsNullOrWhiteSpace(title) || title.Length > 16 || title.Any(c => c is < ' ' or > '~' or '\\'))
            {
                throw new ArgumentException($"{name} needs 1-16 printable ASCII characters without backslash.", name);
            }
        }

        ArgumentException.ThrowIfNullOrEmpty(Host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Port, 65535);
        if (MaxPduLength is > 0 and < 4096 or > Pdu.PduLimits.HardMaximum)
        {
            throw new ArgumentException("MaxPduLength is 0 (no limit; 64 MiB at most are read) or 4096 to 67,108,864.", nameof(MaxPduLength));
        }

        if (ConnectTimeout <= TimeSpan.Zero || ArtimTimeout <= TimeSpan.Zero || DimseTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("Timeouts must be positive.", nameof(DimseTimeout));
        }

        ReaderOptions.Validate();
    }
}

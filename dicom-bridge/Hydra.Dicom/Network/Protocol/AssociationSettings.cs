using Hydra.Dicom.IO;

namespace Hydra.Dicom.Network.Protocol;

/// <summary>Timers and limits one association runs with, taken from the server's or client's options.</summary>
internal sealed record AssociationSettings
{
    /// <summary>ARTIM (PS3.8 9.1.5): the wait for association, release and close PDUs.</summary>
    public required TimeSpan ArtimTimeout { get; init; }

    /// <summary>The wait for a PDU when the peer owes one, and for the whole of any PDU once it has begun.</summary>
    public required TimeSpan IdleTimeout { get; init; }

    /// <summary>The wait for a response to a request this side sent.</summary>
    public required TimeSpan DimseTimeout { get; init; }

    /// <summary>Largest PDU this side sends when the peer sets no limit.</summary>
    public int SendPduCap { get; init; } = 256 * 1024;

    public required uint MaxReceivePduLength { get; init; }

    public uint MaxAssociatePduLength { get; init; } = 1024 * 1024;

    /// <summary>Largest data set buffered outside C-STORE (identifiers, response data sets).</summary>
    public long MaxBufferedDatasetLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>Most operations the peer may have outstanding at once (the asynchronous operations window).</summary>
    public int MaxOperations { get; init; } = 1;

    public DicomReaderOptions ReaderOptions { get; init; } = DicomReaderOptions.Default;
}

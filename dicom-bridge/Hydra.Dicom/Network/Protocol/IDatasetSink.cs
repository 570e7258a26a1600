namespace Hydra.Dicom.Network.Protocol;

/// <summary>Receives the fragments of one incoming data set as the PDVs arrive.</summary>
internal interface IDatasetSink
{
    /// <summary>Takes the next fragment; the memory is only valid during the call.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken);

    /// <summary>The last fragment has arrived.</summary>
    ValueTask CompleteAsync(CancellationToken cancellationToken);

    /// <summary>The association ended before the last fragment.</summary>
    void Fail(Exception reason);
}

using System.IO.Pipelines;

namespace Hydra.Dicom.Network.Protocol;

/// <summary>
/// Streams a C-STORE data set to its handler through a pipe while the PDVs arrive, so memory stays bounded whatever
/// the object's size. A handler that stops reading early does not stall the association: the rest is discarded.
/// </summary>
internal sealed class StreamingDatasetSink : IDatasetSink
{
    private static readonly PipeOptions Options = new(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 512 << 10,
        minimumSegmentSize: 16 * 1024, useSynchronizationContext: false);

    private readonly Pipe _pipe = new(Options);
    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _readerGone;

    /// <summary>The data set bytes as they arrive, ending after the last fragment.</summary>
    public Stream Stream => _pipe.Reader.AsStream();

    /// <summary>Completes when the last fragment has arrived (or fails when the association ends first).</summary>
    public Task Received => _received.Task;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
    {
        if (_readerGone)
        {
            return;
        }

        var result = await _pipe.Writer.WriteAsync(fragment, cancellationToken).ConfigureAwait(false);
        _readerGone = result.IsCompleted;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
        _received.TrySetResult();
    }

    public void Fail(Exception reason)
    {
        _pipe.Writer.Complete(reason);
        _received.TrySetException(reason);
    }

    /// <summary>The handler is done: whatever it did not read is discarded as it arrives.</summary>
    public void ReleaseReader() => _pipe.Reader.Complete();
}

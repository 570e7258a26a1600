using System.Buffers;
using System.IO.Pipelines;

namespace Hydra.Dicom.Network.Protocol;

/// <summary>
/// Delivers a C-STORE data set to its handler. Up to <see cref="InMemoryLimit"/> bytes are gathered in one pooled
/// buffer and handed over whole when the last fragment arrives (most images: one copy, one write by the handler); a
/// larger data set switches to a pipe the handler reads while the PDVs still arrive, so memory stays bounded whatever
/// the object's size. A handler that stops reading early does not stall the association: the rest is discarded.
/// </summary>
internal sealed class StreamingDatasetSink : IDatasetSink, IDisposable
{
    /// <summary>Largest data set handed over from memory: 4 MiB.</summary>
    public const int InMemoryLimit = 4 << 20;

    // Pooled and reused image after image, so a typical CT or MR slice never needs the buffer to grow.
    private const int InitialBuffer = 1 << 20;

    private static readonly PipeOptions Options = new(pauseWriterThreshold: 2 * (long)InMemoryLimit, resumeWriterThreshold: InMemoryLimit,
        minimumSegmentSize: 64 * 1024, useSynchronizationContext: false);

    private readonly Action<StreamingDatasetSink> _onReady;
    private readonly TaskCompletionSource _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _length;
    private Pipe? _pipe;
    private bool _readerGone;

    /// <param name="onReady">Called once, on the receive loop, when <see cref="Stream"/> can be read.</param>
    public StreamingDatasetSink(Action<StreamingDatasetSink> onReady) => _onReady = onReady;

    /// <summary>The data set bytes: whole from memory, or as they arrive through the pipe; valid until the operation ends.</summary>
    public Stream Stream { get; private set; } = Stream.Null;

    /// <summary>Completes when the last fragment has arrived (or fails when the association ends first).</summary>
    public Task Received => _received.Task;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
    {
        if (_pipe is null)
        {
            if (_length + fragment.Length <= InMemoryLimit)
            {
                Append(fragment.Span);
                return;
            }

            SwitchToPipe();
        }

        if (_readerGone)
        {
            return;
        }

        var result = await _pipe!.Writer.WriteAsync(fragment, cancellationToken).ConfigureAwait(false);
        _readerGone = result.IsCompleted;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        if (_pipe is null)
        {
            Stream = new MemoryStream(_buffer, 0, _length, writable: false, publiclyVisible: true);
            _onReady(this);
        }
        else
        {
            await _pipe.Writer.CompleteAsync().ConfigureAwait(false);
        }

        _received.TrySetResult();
    }

    public void Fail(Exception reason)
    {
        _pipe?.Writer.Complete(reason);
        _received.TrySetException(reason);
    }

    /// <summary>The handler is done: whatever it did not read is discarded as it arrives.</summary>
    public void ReleaseReader() => _pipe?.Reader.Complete();

    /// <summary>Returns the buffer to the pool; call once the operation has ended.</summary>
    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Append(ReadOnlySpan<byte> fragment)
    {
        if (_length + fragment.Length > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + fragment.Length, _buffer.Length * 4));
            _buffer.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        fragment.CopyTo(_buffer.AsSpan(_length));
        _length += fragment.Length;
    }

    // The buffered bytes go into the pipe first (below its pause threshold, so no wait), then the handler starts.
    private void SwitchToPipe()
    {
        _pipe = new Pipe(Options);
        _pipe.Writer.Write(_buffer.AsSpan(0, _length));
        Stream = _pipe.Reader.AsStream();
        _onReady(this);
    }
}

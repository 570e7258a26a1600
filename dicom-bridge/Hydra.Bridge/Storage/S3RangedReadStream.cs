using Amazon.S3;
using Amazon.S3.Model;

namespace Hydra.Bridge.Storage;

/// <summary>
/// An S3 object read in ranged GETs of a fixed size, the next range fetched while the current one is read: a large
/// object streams in about two ranges of memory, and a connection dropped during a range is retried at that range's
/// offset instead of from the start.
/// </summary>
internal sealed class S3RangedReadStream : Stream
{
    private const int Attempts = 3;

    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _key;
    private readonly long _length;
    private readonly int _rangeSize;
    private readonly CancellationTokenSource _disposed = new();
    private Task<byte[]>? _next;
    private byte[] _current = [];
    private int _offset;
    private long _position;

    public S3RangedReadStream(IAmazonS3 client, string bucket, string key, long length, int rangeSize)
    {
        _client = client;
        _bucket = bucket;
        _key = key;
        _length = length;
        _rangeSize = rangeSize;
        _next = length > 0 ? FetchAsync(0) : null;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_offset == _current.Length)
        {
            if (_next is null)
            {
                return 0;
            }

            _current = await _next.WaitAsync(cancellationToken).ConfigureAwait(false);
            _offset = 0;
            var following = _position + _current.Length;
            _next = following < _length ? FetchAsync(following) : null;
        }

        var count = Math.Min(buffer.Length, _current.Length - _offset);
        _current.AsMemory(_offset, count).CopyTo(buffer);
        _offset += count;
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

#pragma warning disable VSTHRD002 // Only synchronous callers get here; the ranges themselves are fetched asynchronously.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();
#pragma warning restore VSTHRD002

    private async Task<byte[]> FetchAsync(long start)
    {
        var end = Math.Min(start + _rangeSize, _length) - 1;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await _client.GetObjectAsync(
                    new GetObjectRequest { BucketName = _bucket, Key = _key, ByteRange = new ByteRange(start, end) }, _disposed.Token).ConfigureAwait(false);
                var range = new byte[end - start + 1];
                await response.ResponseStream.ReadExactlyAsync(range, _disposed.Token).ConfigureAwait(false);
                return range;
            }
            catch (Exception ex) when (attempt < Attempts && S3Failures.IsTransient(ex) && !_disposed.IsCancellationRequested)
            {
                await Task.Delay(100 * attempt, _disposed.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (S3Failures.Map(ex, _key, _disposed.Token) is { } mapped)
            {
                throw mapped;
            }
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed.IsCancellationRequested)
        {
            _disposed.Cancel();
            // An unobserved read-ahead must not surface as an unobserved task exception.
            _ = _next?.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            _disposed.Dispose();
        }

        base.Dispose(disposing);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

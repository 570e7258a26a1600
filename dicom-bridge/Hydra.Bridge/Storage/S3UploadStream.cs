using Amazon.S3;
using Amazon.S3.Model;

namespace Hydra.Bridge.Storage;

/// <summary>
/// What an object writer writes, on its way to S3: kept in memory up to one part; beyond that a multipart upload whose
/// parts go up while the next one fills (at most two parts in memory). Nothing is visible until
/// <see cref="CompleteAsync"/>: a single PUT with <c>If-None-Match: *</c> for a small object, or
/// CompleteMultipartUpload. Written on a thread-pool thread (the container encoder is synchronous), so a full part
/// waits there for the one before it.
/// </summary>
internal sealed class S3UploadStream : Stream
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _key;
    private readonly int _partSize;
    private readonly CancellationToken _cancellationToken;
    private readonly List<PartETag> _parts = [];
    private MemoryStream _filling;
    private Task? _inFlight;
    private string? _uploadId;
    private long _length;

    public S3UploadStream(IAmazonS3 client, string bucket, string key, int partSize, CancellationToken cancellationToken)
    {
        _client = client;
        _bucket = bucket;
        _key = key;
        _partSize = partSize;
        _cancellationToken = cancellationToken;
        _filling = new MemoryStream();
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            // A full part goes up only when more follows, so an object of at most one part is a single PUT.
            if (_filling.Length == _partSize)
            {
                SendFilledPart();
            }

            var take = (int)Math.Min(buffer.Length, _partSize - _filling.Length);
            _filling.Write(buffer[..take]);
            _length += take;
            buffer = buffer[take..];
        }
    }

    /// <summary>Makes the object visible; returns its size.</summary>
    public async Task<long> CompleteAsync()
    {
        _filling.Position = 0;
        if (_uploadId is null)
        {
            await _client.PutObjectAsync(
                new PutObjectRequest { BucketName = _bucket, Key = _key, InputStream = _filling, AutoCloseStream = false, IfNoneMatch = "*" },
                _cancellationToken).ConfigureAwait(false);
            return _length;
        }

        if (_inFlight is not null)
        {
            await _inFlight.ConfigureAwait(false);
        }

        if (_filling.Length > 0)
        {
            await UploadPartAsync(_filling, _parts.Count + 1).ConfigureAwait(false);
        }

        // Ceph 16 ignores If-None-Match here, which is why names are unique per attempt (FORMAT.md). Its answer's
        // ETag may be empty: nothing depends on it.
        await _client.CompleteMultipartUploadAsync(
            new CompleteMultipartUploadRequest { BucketName = _bucket, Key = _key, UploadId = _uploadId, PartETags = [.. _parts.OrderBy(p => p.PartNumber)] },
            _cancellationToken).ConfigureAwait(false);
        return _length;
    }

    /// <summary>Abandons a multipart upload (its parts are deleted); best effort, as leftovers are aborted at the next start.</summary>
    public async Task AbortAsync()
    {
        if (_uploadId is null)
        {
            return;
        }

        try
        {
            if (_inFlight is not null)
            {
                await _inFlight.ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is AmazonS3Exception or IOException or HttpRequestException or OperationCanceledException or Amazon.Runtime.AmazonClientException)
        {
            // The part's own failure is what the caller reports.
        }

        try
        {
            await _client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = _bucket, Key = _key, UploadId = _uploadId }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AmazonS3Exception or IOException or HttpRequestException or OperationCanceledException or Amazon.Runtime.AmazonClientException)
        {
            // Unreachable now (e.g. the gateway died): the upload stays invisible until the next start aborts it.
        }
    }

#pragma warning disable VSTHRD002 // The container encoder writes synchronously on a pool thread of its own (ObjectEncryption); waiting there bounds memory.
    private void SendFilledPart()
    {
        _uploadId ??= _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = _key }, _cancellationToken)
            .GetAwaiter().GetResult().UploadId;
        // The part before must be up before its buffer fills again: two parts in memory at most.
        _inFlight?.GetAwaiter().GetResult();
        var part = _filling;
        part.Position = 0;
        // A fresh buffer: the SDK may close the part's stream once sent.
        _filling = new MemoryStream(_partSize);
        _inFlight = UploadPartAsync(part, _parts.Count + 1);
    }
#pragma warning restore VSTHRD002

    private async Task UploadPartAsync(MemoryStream part, int partNumber)
    {
        var response = await _client.UploadPartAsync(
            new UploadPartRequest { BucketName = _bucket, Key = _key, UploadId = _uploadId, PartNumber = partNumber, InputStream = part, PartSize = part.Length },
            _cancellationToken).ConfigureAwait(false);
        lock (_parts)
        {
            _parts.Add(new PartETag(partNumber, response.ETag));
        }
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

using System.Net;
using System.Security.Cryptography;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Hydra.Bridge.Options;

namespace Hydra.Bridge.Storage;

/// <summary>
/// The bridge's objects in an S3 bucket (Bridge:Objects:S3). Each write gets a name of its own (the logical name plus a
/// random attempt id, FORMAT.md), goes up as one conditional PUT or a streamed multipart upload aborted on any
/// failure, and is visible only once complete; reads are ranged GETs. Failures come out as
/// <see cref="ObjectStoreException"/> (<see cref="S3Failures"/>).
/// </summary>
internal sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly AmazonS3Client _client;
    private readonly BridgeS3Options _options;

    public S3ObjectStore(BridgeS3Options options)
    {
        _options = options;
        _client = new AmazonS3Client(new BasicAWSCredentials(options.AccessKeyId, options.ReadSecretKey()), new AmazonS3Config
        {
            ServiceURL = options.ServiceUrl,
            ForcePathStyle = options.ForcePathStyle,
            AuthenticationRegion = options.Region,
            // Ceph 16 (and other S3 stores) reject the SDK's default trailing checksums with 400 XAmzContentSHA256Mismatch.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = TimeSpan.FromSeconds(options.RequestTimeoutSeconds),
            MaxErrorRetry = 1,
        });
    }

    public async Task<StoredObject> WriteAsync(string path, Action<Stream> write, CancellationToken cancellationToken)
    {
        var name = UniqueName(path);
        return new StoredObject(name, await WriteNewAsync(name, write, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Writes an object under exactly <paramref name="name"/>, refused (412, <see cref="ObjectStoreException"/>) when one
    /// exists for a single PUT. The bridge itself always names objects by <see cref="WriteAsync"/>.
    /// </summary>
    public async Task<long> WriteNewAsync(string name, Action<Stream> write, CancellationToken cancellationToken)
    {
        var key = KeyOf(name);
        var upload = new S3UploadStream(_client, _options.Bucket, key, _options.PartSizeBytes, cancellationToken);
        try
        {
            write(upload);
            return await upload.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await upload.AbortAsync().ConfigureAwait(false);
            if (S3Failures.Map(ex, name, cancellationToken) is { } mapped && !ReferenceEquals(mapped, ex))
            {
                throw mapped;
            }

            throw;
        }
    }

    public async Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken)
    {
        var length = await LengthAsync(path, cancellationToken).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"No object '{path}' in the object store.");
        return new S3RangedReadStream(_client, _options.Bucket, KeyOf(path), length, _options.ReadRangeBytes);
    }

    public async Task<bool> ExistsAsync(string path, CancellationToken cancellationToken) =>
        await LengthAsync(path, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>
    /// Aborts the multipart uploads under the prefix that began before <paramref name="olderThan"/> (a crashed
    /// bridge's; never visible, but their parts take room); returns how many.
    /// </summary>
    public async Task<int> AbortLeftoverUploadsAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var aborted = 0;
        var request = new ListMultipartUploadsRequest { BucketName = _options.Bucket, Prefix = _options.Prefix };
        try
        {
            ListMultipartUploadsResponse response;
            do
            {
                response = await _client.ListMultipartUploadsAsync(request, cancellationToken).ConfigureAwait(false);
                foreach (var upload in response.MultipartUploads ?? [])
                {
                    if (upload.Initiated is { } initiated && new DateTimeOffset(initiated.ToUniversalTime(), TimeSpan.Zero) < olderThan)
                    {
                        await _client.AbortMultipartUploadAsync(
                            new AbortMultipartUploadRequest { BucketName = _options.Bucket, Key = upload.Key, UploadId = upload.UploadId }, cancellationToken).ConfigureAwait(false);
                        aborted++;
                    }
                }

                request.KeyMarker = response.NextKeyMarker;
                request.UploadIdMarker = response.NextUploadIdMarker;
            }
            while (response.IsTruncated == true);
        }
        catch (Exception ex) when (S3Failures.Map(ex, _options.Prefix, cancellationToken) is { } mapped)
        {
            throw mapped;
        }

        return aborted;
    }

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            // S3 answers 204 whether or not the object existed.
            await _client.DeleteObjectAsync(_options.Bucket, KeyOf(path), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (S3Failures.Map(ex, path, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
    }

    private async Task<long?> LengthAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await _client.GetObjectMetadataAsync(_options.Bucket, KeyOf(path), cancellationToken).ConfigureAwait(false);
            return metadata.ContentLength;
        }
        catch (AmazonS3Exception ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        catch (Exception ex) when (S3Failures.Map(ex, path, cancellationToken) is { } mapped)
        {
            throw mapped;
        }
    }

    /// <summary><c>study/sop.hydra</c> becomes <c>study/sop.ATTEMPT.hydra</c>: no two writes ever target one name.</summary>
    private static string UniqueName(string path)
    {
        var attempt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var name = path.Replace('\\', '/');
        return name.EndsWith(ObjectNames.Extension, StringComparison.Ordinal)
            ? $"{name[..^ObjectNames.Extension.Length]}.{attempt}{ObjectNames.Extension}"
            : $"{name}.{attempt}";
    }

    private string KeyOf(string name)
    {
        if (name.Length == 0 || name.StartsWith('/') || name.Split('/').Any(part => part is "." or ".."))
        {
            throw new ArgumentException($"Object name '{name}' is not a relative name inside the store.", nameof(name));
        }

        return _options.Prefix + name;
    }

    public void Dispose() => _client.Dispose();
}

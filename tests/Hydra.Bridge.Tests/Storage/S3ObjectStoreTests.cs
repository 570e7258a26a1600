using Amazon.S3.Model;
using Hydra.Bridge.Options;
using Hydra.Bridge.Storage;
using Hydra.Testing;
using Hydra.Testing.Ceph;

namespace Hydra.Bridge.Tests.Storage;

/// <summary>One Ceph cluster for the S3 object store's tests.</summary>
public sealed class CephStoreFixture : IAsyncLifetime
{
    private CephObjectStore? _ceph;

    public CephObjectStore Ceph => _ceph ?? throw new InvalidOperationException("The cluster did not start.");

    public TempDirectory Folder { get; } = new("hydra-s3-tests");

    public async Task InitializeAsync() => _ceph = await CephObjectStore.StartAsync().DefaultTimeout();

    /// <summary>Options for a store on <paramref name="bucket"/> with the smallest parts S3 allows and 1 MiB read ranges.</summary>
    public BridgeS3Options Options(string bucket)
    {
        var secret = Folder.Combine("secret-" + bucket);
        File.WriteAllText(secret, Ceph.SecretKey);
        return new BridgeS3Options
        {
            ServiceUrl = Ceph.Endpoint.ToString(),
            Bucket = bucket,
            Prefix = "bridge/",
            AccessKeyId = Ceph.AccessKey,
            SecretKeyFile = secret,
            PartSizeBytes = BridgeS3Options.MinPartSizeBytes,
            ReadRangeBytes = 1 << 20,
            RequestTimeoutSeconds = 10,
        };
    }

    public async Task DisposeAsync()
    {
        if (_ceph is not null)
        {
            await _ceph.DisposeAsync();
        }

        Folder.Dispose();
    }
}

/// <summary>The S3 object store against a real Ceph 16 gateway: round trips, no overwrite, faults leave nothing visible.</summary>
public sealed class S3ObjectStoreTests : IClassFixture<CephStoreFixture>
{
    private readonly CephStoreFixture _fixture;

    public S3ObjectStoreTests(CephStoreFixture fixture) => _fixture = fixture;

    private CephObjectStore Ceph => _fixture.Ceph;

    [Theory]
    [InlineData(70_000)]
    [InlineData(12 << 20)]
    public async Task WrittenObject_ReadsBackByteExact_UnderANameOfItsOwn(int size)
    {
        // Arrange
        var bucket = await Ceph.CreateBucketAsync().DefaultTimeout();
        using var store = new S3ObjectStore(_fixture.Options(bucket));
        var bytes = RandomBytes(size);

        // Act
        var stored = await store.WriteAsync("1.2.3/4.5.6.hydra", stream => stream.Write(bytes), CancellationToken.None).DefaultTimeout();
        var read = await ReadAllAsync(store, stored.Path);

        // Assert
        Assert.Matches(@"^1\.2\.3/4\.5\.6\.[0-9a-f]{16}\.hydra$", stored.Path);
        Assert.Equal(size, stored.Size);
        Assert.True(bytes.AsSpan().SequenceEqual(read));
        Assert.Equal(["bridge/" + stored.Path], (await Ceph.ListAsync(bucket).DefaultTimeout()).Select(o => o.Key));
        Assert.True(await store.ExistsAsync(stored.Path, CancellationToken.None).DefaultTimeout());
        Assert.False(await store.ExistsAsync("1.2.3/other.hydra", CancellationToken.None).DefaultTimeout());
    }

    [Fact]
    public async Task SecondWriteToAnExistingName_IsRefused_AndTheOriginalStays()
    {
        // Arrange
        var bucket = await Ceph.CreateBucketAsync().DefaultTimeout();
        using var store = new S3ObjectStore(_fixture.Options(bucket));
        var original = RandomBytes(1000);
        await store.WriteNewAsync("a/b.hydra", stream => stream.Write(original), CancellationToken.None).DefaultTimeout();

        // Act
        var error = await Assert.ThrowsAsync<ObjectStoreException>(
            () => store.WriteNewAsync("a/b.hydra", stream => stream.Write(RandomBytes(1000)), CancellationToken.None)).DefaultTimeout();

        // Assert
        Assert.Contains("412", error.Message, StringComparison.Ordinal);
        var kept = await ReadAllAsync(store, "a/b.hydra");
        Assert.True(original.AsSpan().SequenceEqual(kept));
    }

    [Fact]
    public async Task FullStore_RefusesWithQuotaExceeded_AndNothingIsVisible()
    {
        // Arrange
        var bucket = await Ceph.CreateBucketAsync().DefaultTimeout();
        using var store = new S3ObjectStore(_fixture.Options(bucket));
        await Ceph.SetBucketQuotaAsync(bucket, maxObjects: 0).DefaultTimeout();

        // Act
        var error = await Assert.ThrowsAsync<ObjectStoreException>(
            () => store.WriteAsync("s/i.hydra", stream => stream.Write(RandomBytes(1000)), CancellationToken.None)).DefaultTimeout();

        // Assert
        Assert.True(error.IsFull);
        Assert.Equal("object store full (QuotaExceeded)", error.Message);
        Assert.Empty(await Ceph.ListAsync(bucket).DefaultTimeout());
    }

    [Fact]
    public async Task GatewayKilledMidUpload_FailsClearly_LeavesNothingVisible_AndTheWriteSucceedsAfterRestart()
    {
        // Arrange
        var bucket = await Ceph.CreateBucketAsync().DefaultTimeout();
        using var store = new S3ObjectStore(_fixture.Options(bucket));
        var bytes = RandomBytes(12 << 20);
        var killed = false;

        // Act: the gateway dies once the first part has gone up.
        var error = await Assert.ThrowsAsync<ObjectStoreException>(() => store.WriteAsync("s/i.hydra", stream =>
        {
            stream.Write(bytes.AsSpan(0, 6 << 20));
            Ceph.KillGatewayAsync().GetAwaiter().GetResult();
            killed = true;
            stream.Write(bytes.AsSpan(6 << 20));
        }, CancellationToken.None)).DefaultTimeout();
        await Ceph.StartGatewayAsync().DefaultTimeout();
        var visibleAfterRestart = await Ceph.ListAsync(bucket).DefaultTimeout();
        var stored = await store.WriteAsync("s/i.hydra", stream => stream.Write(bytes), CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.True(killed);
        Assert.StartsWith("object store unavailable", error.Message, StringComparison.Ordinal);
        Assert.Empty(visibleAfterRestart);
        var read = await ReadAllAsync(store, stored.Path);
        Assert.True(bytes.AsSpan().SequenceEqual(read));
    }

    [Fact]
    public async Task LeftoverUploads_AreAbortedAtStart()
    {
        // Arrange: a crashed bridge's upload, begun and never completed.
        var bucket = await Ceph.CreateBucketAsync().DefaultTimeout();
        var client = Ceph.CreateClient();
        await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "bridge/s/i.0000000000000000.hydra" }).DefaultTimeout();
        using var store = new S3ObjectStore(_fixture.Options(bucket));

        // Act
        var aborted = await store.AbortLeftoverUploadsAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None).DefaultTimeout();
        var left = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket }).DefaultTimeout();

        // Assert
        Assert.Equal(1, aborted);
        Assert.Empty(left.MultipartUploads ?? []);
    }

    [Fact]
    public async Task RecentUploads_AreLeftAlone()
    {
        // Arrange: another bridge's upload in progress on the same prefix.
        var bucket = await Ceph.CreateBucketAsync().DefaultTimeout();
        var client = Ceph.CreateClient();
        await client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = bucket, Key = "bridge/s/i.0000000000000001.hydra" }).DefaultTimeout();
        using var store = new S3ObjectStore(_fixture.Options(bucket));

        // Act
        var aborted = await store.AbortLeftoverUploadsAsync(DateTimeOffset.UtcNow.AddMinutes(-10), CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(0, aborted);
    }

    private static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAllAsync(S3ObjectStore store, string path)
    {
        await using var stream = await store.OpenReadAsync(path, CancellationToken.None).DefaultTimeout();
        var read = new MemoryStream();
        await stream.CopyToAsync(read).DefaultTimeout();
        return read.ToArray();
    }
}

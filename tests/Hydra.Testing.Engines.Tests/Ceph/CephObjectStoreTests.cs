using System.Net;
using Amazon.S3;
using Amazon.S3.Model;

namespace Hydra.Testing.Engines.Tests.Ceph;

/// <summary>The Ceph harness itself: S3 works with the generated keys, the gateway dies and comes back with the data, quotas bite.</summary>
public sealed class CephObjectStoreTests : IClassFixture<CephFixture>
{
    private readonly CephFixture _ceph;

    public CephObjectStoreTests(CephFixture ceph) => _ceph = ceph;

    [Fact]
    public async Task PutThenGet_ReturnsTheBytes()
    {
        // Arrange
        var bucket = await _ceph.Store.CreateBucketAsync().DefaultTimeout();
        var client = _ceph.Store.CreateClient();
        var bytes = new byte[100_000];
        Random.Shared.NextBytes(bytes);

        // Act
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "a/b", InputStream = new MemoryStream(bytes) }).DefaultTimeout();
        using var response = await client.GetObjectAsync(bucket, "a/b").DefaultTimeout();
        var read = new MemoryStream();
        await response.ResponseStream.CopyToAsync(read);

        // Assert
        Assert.Equal(bytes, read.ToArray());
        Assert.Equal(["a/b"], (await _ceph.Store.ListAsync(bucket).DefaultTimeout()).Select(o => o.Key));
    }

    [Fact]
    public async Task WrongSecretKey_IsRefused()
    {
        // Arrange
        var bucket = await _ceph.Store.CreateBucketAsync().DefaultTimeout();
        using var stranger = new AmazonS3Client(
            new Amazon.Runtime.BasicAWSCredentials(_ceph.Store.AccessKey, "not-the-secret"),
            new AmazonS3Config { ServiceURL = _ceph.Store.Endpoint.ToString(), ForcePathStyle = true, MaxErrorRetry = 0 });

        // Act
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(() => stranger.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).DefaultTimeout();

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task KilledGateway_RefusesConnections_AndRestartKeepsTheObjects()
    {
        // Arrange
        var bucket = await _ceph.Store.CreateBucketAsync().DefaultTimeout();
        var client = _ceph.Store.CreateClient();
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "kept", ContentBody = "kept" }).DefaultTimeout();

        // Act
        await _ceph.Store.KillGatewayAsync().DefaultTimeout();
        var whileDown = await Record.ExceptionAsync(() => client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).DefaultTimeout();
        await _ceph.Store.StartGatewayAsync().DefaultTimeout();

        // Assert
        Assert.NotNull(whileDown);
        Assert.Equal(["kept"], (await _ceph.Store.ListAsync(bucket).DefaultTimeout()).Select(o => o.Key));
    }

    [Fact]
    public async Task BucketQuota_RefusesTheWriteBeyondIt()
    {
        // Arrange
        var bucket = await _ceph.Store.CreateBucketAsync().DefaultTimeout();
        var client = _ceph.Store.CreateClient();
        await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "first", ContentBody = "1" }).DefaultTimeout();

        // Act
        await _ceph.Store.SetBucketQuotaAsync(bucket, maxObjects: 1).DefaultTimeout();
        var error = await Assert.ThrowsAsync<AmazonS3Exception>(
            () => client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "second", ContentBody = "2" })).DefaultTimeout();

        // Assert
        Assert.Equal("QuotaExceeded", error.ErrorCode);
        Assert.Equal(["first"], (await _ceph.Store.ListAsync(bucket).DefaultTimeout()).Select(o => o.Key));
    }
}

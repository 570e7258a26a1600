using Hydra.Bridge.Options;

namespace Hydra.Bridge.Tests.Storage;

/// <summary>Bridge:Objects: the folder stays the default, and every S3 mistake is named by its key.</summary>
public sealed class ObjectOptionsTests
{
    private static IReadOnlyList<string> Failures(BridgeObjectOptions objects)
    {
        var failures = new List<string>();
        if (objects.IsS3)
        {
            objects.S3.Validate(failures);
        }

        return failures;
    }

    [Fact]
    public void Defaults_AreTheFolder()
    {
        // Arrange
        var options = new BridgeOptions();

        // Act
        var objects = options.Objects;

        // Assert
        Assert.Equal(BridgeObjectOptions.FolderBackend, objects.Backend);
        Assert.False(objects.IsS3);
        Assert.Equal(8 << 20, objects.S3.PartSizeBytes);
    }

    [Fact]
    public void S3WithEveryMistake_NamesEachKey()
    {
        // Arrange
        var objects = new BridgeObjectOptions
        {
            Backend = BridgeObjectOptions.S3Backend,
            S3 = new BridgeS3Options
            {
                ServiceUrl = "ftp://store",
                Bucket = "No_Such",
                PartSizeBytes = 1 << 20,
                ReadRangeBytes = 1,
                RequestTimeoutSeconds = 0,
                LeftoverUploadMinutes = -1,
                Prefix = "/abs",
            },
        };

        // Act
        var failures = string.Join('\n', Failures(objects));

        // Assert
        foreach (var key in new[] { "S3:ServiceUrl", "S3:Bucket", "S3:AccessKeyId", "SecretKeyFile and SecretKeyVariable", "S3:PartSizeBytes must be 5 MiB", "S3:ReadRangeBytes", "S3:RequestTimeoutSeconds", "S3:LeftoverUploadMinutes", "S3:Prefix" })
        {
            Assert.Contains(key, failures, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SecretKeyVariable_Unset_IsNamed_AndNoSecretIsQuoted()
    {
        // Arrange
        var variable = "HYDRA_TEST_S3_SECRET_" + Guid.NewGuid().ToString("N");
        var objects = new BridgeObjectOptions
        {
            Backend = BridgeObjectOptions.S3Backend,
            S3 = new BridgeS3Options { ServiceUrl = "http://127.0.0.1:7480", Bucket = "images", AccessKeyId = "AK", SecretKeyVariable = variable },
        };

        // Act
        var failures = Failures(objects);

        // Assert
        var failure = Assert.Single(failures);
        Assert.Contains($"S3:SecretKeyVariable: the environment variable '{variable}' is not set", failure, StringComparison.Ordinal);
    }
}

using System.Runtime.Versioning;
using Hydra.CertsDev;
using Hydra.Keystore.Sealing;
using Hydra.Keystore.Storage;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;
using LiteDB;
using Microsoft.Extensions.Options;

namespace Hydra.Keystore.Tests.Seal;

/// <summary>The embedded default seal: a 0600 key file beside the data file wraps each node's data key.</summary>
[SupportedOSPlatform("linux")]
public sealed class KeyFileSealTests : IClassFixture<DevPkiFixture>
{
    private readonly DevPkiFixture _pki;

    public KeyFileSealTests(DevPkiFixture pki) => _pki = pki;

    [Fact]
    public async Task DefaultSeal_KeyFileIsPrivate_NoFileHoldsAShareInClear_AndKeysReadAfterRestart()
    {
        // Arrange
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        var (id, key) = Keys.NewKey();
        await cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout();
        var shares = new List<byte[]>();
        for (var i = 0; i < cluster.NodeCount; i++)
        {
            shares.Add(await SealProbe.ShareAsync(cluster.Node(i), id));
        }

        // Act
        for (var i = 0; i < cluster.NodeCount; i++)
        {
            await cluster.StopNodeAsync(i);
        }

        // Assert
        for (var i = 0; i < cluster.NodeCount; i++)
        {
            var keyFile = SealSettings.DefaultKeyFile(cluster.DataFile(i));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            Assert.Equal(EnvelopeCipher.KeySize, new FileInfo(keyFile).Length);
        }

        Assert.All(shares, share => Assert.False(SealProbe.AnyFileHolds(cluster.Folder, share)));
        for (var i = 0; i < cluster.NodeCount; i++)
        {
            await cluster.StartNodeAsync(i);
        }

        var results = await cluster.ConnectAs(DevUser.Clinician).GetKeysAsync([id], CancellationToken.None).DefaultTimeout();
        using var fetched = Assert.Single(results).Key!;
        Assert.Equal(key, fetched.Key.ToArray());
        Assert.Empty(fetched.BadNodes);
    }

    [Fact]
    public async Task SealedEnvelopeMovedToAnotherKey_DoesNotOpen_AndTheKeyStillRebuildsFromTheOthers()
    {
        // Arrange: on node2's disk, key B's sealed envelope is replaced by key A's (both sealed under node2's data key).
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        var client = cluster.ConnectAs(DevUser.Clinician);
        var (a, _) = Keys.NewKey();
        var (b, keyB) = Keys.NewKey();
        await client.RegisterKeyAsync(a, Keys.NewKey().Key, [], CancellationToken.None).DefaultTimeout();
        await client.RegisterKeyAsync(b, keyB, [], CancellationToken.None).DefaultTimeout();
        await cluster.StopNodeAsync(1);
        byte[] moved = [];
        NodeFiles.EditKey(cluster.DataFile(1), a.Value, document =>
        {
            moved = document[BsonMapping.SealedEnvelopeField].AsBinary;
            return document;
        });
        NodeFiles.EditKey(cluster.DataFile(1), b.Value, document =>
        {
            document[BsonMapping.SealedEnvelopeField] = new BsonValue(moved);
            return document;
        });
        await cluster.StartNodeAsync(1);

        // Act
        var refused = await Assert.ThrowsAsync<KeystoreException>(() => SealProbe.ShareAsync(cluster.Node(1), b));
        var results = await client.GetKeysAsync([b], CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Contains("does not open on this node", refused.Message, StringComparison.Ordinal);
        using var fetched = Assert.Single(results).Key!;
        Assert.Equal(keyB, fetched.Key.ToArray());
    }

    [Theory]
    [InlineData("loose", "has mode 0644, open to group or others; it must be 0600: run chmod 600")]
    [InlineData("other", "is not the key file the data key was wrapped with")]
    [InlineData("missing", "does not exist; restore the key file")]
    [InlineData("short", "holds 16 bytes")]
    public async Task KeyFileNotTheOneThatSealed_NodeRefusesToStart_AndNothingIsWritten(string fault, string expected)
    {
        // Arrange
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        var (id, key) = Keys.NewKey();
        await cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout();
        await cluster.StopNodeAsync(0);
        var keyFile = SealSettings.DefaultKeyFile(cluster.DataFile(0));
        var original = File.ReadAllBytes(keyFile);
        switch (fault)
        {
            case "loose":
                File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                break;
            case "other":
                File.WriteAllBytes(keyFile, System.Security.Cryptography.RandomNumberGenerator.GetBytes(EnvelopeCipher.KeySize));
                break;
            case "missing":
                File.Delete(keyFile);
                break;
            default:
                File.WriteAllBytes(keyFile, original[..16]);
                break;
        }

        var folder = Path.GetDirectoryName(cluster.DataFile(0))!;
        var before = SealProbe.Snapshot(folder);

        // Act
        // A loose key file in the data folder is refused by the data folder check, before the seal reads it.
        var error = await Assert.ThrowsAnyAsync<Exception>(() => cluster.StartNodeAsync(0).DefaultTimeout());
        Assert.IsType(fault == "loose" ? typeof(OptionsValidationException) : typeof(SealException), error);

        // Assert
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, SealProbe.Snapshot(folder));
        Assert.Equal(fault != "missing", File.Exists(keyFile));

        // The right key file, restored, opens the data again.
        File.Delete(keyFile);
        File.WriteAllBytes(keyFile, original);
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await cluster.StartNodeAsync(0);
        await cluster.StopNodeAsync(1);
        var results = await cluster.ConnectAs(DevUser.Clinician).GetKeysAsync([id], CancellationToken.None).DefaultTimeout();
        using var fetched = Assert.Single(results).Key!;
        Assert.Equal(key, fetched.Key.ToArray());
    }
}

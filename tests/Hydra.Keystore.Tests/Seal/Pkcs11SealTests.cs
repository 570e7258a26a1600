using System.Runtime.Versioning;
using Hydra.CertsDev;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Options;
using Hydra.Keystore.Sealing;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Cluster.Hsm;
using Hydra.Testing.Pki;

namespace Hydra.Keystore.Tests.Seal;

/// <summary>
/// Nodes whose data keys are wrapped by AES keys inside a real PKCS#11 module (SoftHSM2): they serve keys as before,
/// copies of their disks read nothing without the token, and a wrong PIN, a missing token or a deleted key stops
/// the node at start with the reason, before anything is written.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class Pkcs11SealTests : IClassFixture<DevPkiFixture>, IDisposable
{
    private readonly DevPkiFixture _pki;
    private readonly TempDirectory _folder = new("hydra-hsm");

    public Pkcs11SealTests(DevPkiFixture pki) => _pki = pki;

    private static int IndexOf(KeystoreOptions options) => int.Parse(options.NodeId["node".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1;

    private async Task<(KeyId Id, byte[] Key)> RegisterAsync(TestCluster cluster)
    {
        var (id, key) = Keys.NewKey();
        await cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout();
        return (id, key);
    }

    /// <summary>Starts node <paramref name="index"/>'s configuration on another data file and seal, as a thief would.</summary>
    private static async Task StartOnCopyAsync(TestCluster cluster, int index, string dataFile, SealSettings seal)
    {
        await using var node = await KeystoreNode.StartAsync(
            [],
            options =>
            {
                cluster.Configure(index, options);
                options.Port = 0;
                options.DataFile = dataFile;
                options.Seal = seal;
            },
            CancellationToken.None);
    }

    [Fact]
    public async Task NodesSealedByHsmKeys_RegisterAndFetch_AcrossARestart_AndTheHsmKeyStaysInside()
    {
        // Arrange: a token per node; node2 names its token by slot, node3 reads its PIN from the environment.
        var tokens = Enumerable.Range(0, 3).Select(_ => SoftHsmToken.Create(_folder.Path)).ToArray();
        var pinVariable = "HYDRA_TEST_PIN_" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable(pinVariable, tokens[2].Pin);
        await using var cluster = await TestCluster.StartAsync(_pki.Pki, configure: options =>
        {
            var index = IndexOf(options);
            options.Seal = tokens[index].Seal(bySlot: index == 1);
            if (index == 2)
            {
                options.Seal.PinFile = string.Empty;
                options.Seal.PinEnvironmentVariable = pinVariable;
            }
        });
        var registered = new List<(KeyId Id, byte[] Key)>();
        for (var i = 0; i < 5; i++)
        {
            registered.Add(await RegisterAsync(cluster));
        }

        // Act: every node restarts, so each unwraps its data key through the HSM again.
        for (var i = 0; i < cluster.NodeCount; i++)
        {
            await cluster.StopNodeAsync(i);
            await cluster.StartNodeAsync(i);
        }

        var results = await cluster.ConnectAs(DevUser.Clinician).GetKeysAsync([.. registered.Select(r => r.Id)], CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(registered.Count, results.Count);
        foreach (var (result, (_, key)) in results.Zip(registered))
        {
            using var fetched = result.Key!;
            Assert.Equal(key, fetched.Key.ToArray());
            Assert.Empty(fetched.BadNodes);
        }

        for (var i = 0; i < cluster.NodeCount; i++)
        {
            Assert.False(File.Exists(SealSettings.DefaultKeyFile(cluster.DataFile(i))));
            Assert.False(SoftHsm.KeyValueReadable(tokens[i].SlotId, tokens[i].Pin, tokens[i].KeyLabel));
        }
    }

    [Fact]
    public async Task StolenDisksOfEveryNode_ReadNoShare_WithAnotherTokenOrWithoutOne()
    {
        // Arrange
        var tokens = Enumerable.Range(0, 3).Select(_ => SoftHsmToken.Create(_folder.Path)).ToArray();
        await using var cluster = await TestCluster.StartAsync(_pki.Pki, configure: options => options.Seal = tokens[IndexOf(options)].Seal());
        var (id, _) = await RegisterAsync(cluster);
        var shares = new List<byte[]>();
        for (var i = 0; i < cluster.NodeCount; i++)
        {
            shares.Add(await SealProbe.ShareAsync(cluster.Node(i), id));
            await cluster.StopNodeAsync(i);
        }

        // Act: the thief copies every node's folder (data file, log, anything beside it).
        var stolen = _folder.Combine("stolen");
        SealProbe.CopyFolder(cluster.Folder, stolen);
        var before = SealProbe.Snapshot(stolen);
        var thief = SoftHsmToken.Create(_folder.Path, keyLabel: tokens[0].KeyLabel);

        // Assert: no share in any stolen byte, and no node starts on the copies without its own token.
        Assert.All(shares, share => Assert.False(SealProbe.AnyFileHolds(stolen, share)));
        for (var i = 0; i < cluster.NodeCount; i++)
        {
            var copy = Path.Combine(stolen, Path.GetRelativePath(cluster.Folder, cluster.DataFile(i)));
            var otherToken = await Assert.ThrowsAsync<SealException>(() => StartOnCopyAsync(cluster, i, copy, thief.Seal()).DefaultTimeout());
            Assert.Contains("does not open it", otherToken.Message, StringComparison.Ordinal);
            var noToken = await Assert.ThrowsAsync<SealException>(() => StartOnCopyAsync(cluster, i, copy, new SealSettings()).DefaultTimeout());
            Assert.Contains($"token '{tokens[i].Label}'", noToken.Message, StringComparison.Ordinal);
        }

        Assert.Equal(before, SealProbe.Snapshot(stolen));
    }

    [Theory]
    [InlineData("wrong-pin", "was refused (CKR_PIN_INCORRECT)")]
    [InlineData("missing-token", "has no token labelled 'hydra-gone'")]
    [InlineData("deleted-key", "holds no secret key labelled")]
    public async Task HsmNotAsSealed_NodeRefusesToStart_AndTheDataFileIsUnchanged(string fault, string expected)
    {
        // Arrange
        var token = SoftHsmToken.Create(_folder.Path);
        var seal = token.Seal();
        await using var cluster = await TestCluster.StartAsync(_pki.Pki, configure: options => options.Seal = seal);
        var (id, key) = await RegisterAsync(cluster);
        await cluster.StopNodeAsync(0);
        switch (fault)
        {
            case "wrong-pin":
                var wrongPin = _folder.Combine("wrong.pin");
                File.WriteAllText(wrongPin, "not-the-pin");
                File.SetUnixFileMode(wrongPin, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                seal.PinFile = wrongPin;
                break;
            case "missing-token":
                seal.TokenLabel = "hydra-gone";
                break;
            default:
                SoftHsm.DeleteKey(token.SlotId, token.Pin, token.KeyLabel);
                break;
        }

        var folder = Path.GetDirectoryName(cluster.DataFile(0))!;
        var before = SealProbe.Snapshot(folder);

        // Act
        var error = await Assert.ThrowsAsync<SealException>(() => cluster.StartNodeAsync(0).DefaultTimeout());

        // Assert
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Pin, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, SealProbe.Snapshot(folder));
        Assert.False(File.Exists(SealSettings.DefaultKeyFile(cluster.DataFile(0))));
        if (fault != "deleted-key")
        {
            // Put right, the same token opens the untouched data again.
            seal.PinFile = token.PinFile;
            seal.TokenLabel = token.Label;
            await cluster.StartNodeAsync(0);
            await cluster.StopNodeAsync(2);
            var results = await cluster.ConnectAs(DevUser.Clinician).GetKeysAsync([id], CancellationToken.None).DefaultTimeout();
            using var fetched = Assert.Single(results).Key!;
            Assert.Equal(key, fetched.Key.ToArray());
        }
    }

    public void Dispose() => _folder.Dispose();
}

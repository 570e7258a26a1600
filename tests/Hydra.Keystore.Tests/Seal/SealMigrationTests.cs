using System.Runtime.Versioning;
using Hydra.Audit;
using Hydra.Keystore.Commands;
using Hydra.Keystore.Options;
using Hydra.Keystore.Sealing;
using Hydra.Keystore.Storage;
using Hydra.Sharing;
using Hydra.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hydra.Keystore.Tests.Seal;

/// <summary>
/// A data file written before sealing (fixture node1-9d6d599.db: 64 keys, 78 audit records) is sealed by
/// <c>seal migrate</c>: every envelope is rewritten sealed and verified, none is lost, and a stopped run resumes.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SealMigrationTests : IDisposable
{
    private readonly TempDirectory _folder = new("hydra-seal-migrate");

    private string CopyFixture()
    {
        var path = _folder.Combine("keystore.db");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures", "node1-9d6d599.db"), path);
        return path;
    }

    private static Dictionary<string, byte[]> ClearEnvelopes(string dataFile)
    {
        using var database = new KeystoreDatabase(dataFile);
        return database.Keys.FindAll()
            .Where(document => document[BsonMapping.ClearEnvelopeField].IsBinary)
            .ToDictionary(document => document["_id"].AsString, document => document[BsonMapping.ClearEnvelopeField].AsBinary);
    }

    /// <summary>Every envelope of the file, opened with its data key (the default key file beside it); clear ones as stored.</summary>
    private static Dictionary<string, (bool Sealed, byte[] Envelope)> Envelopes(string dataFile)
    {
        using var key = SealKeys.Open(new SealSettings { KeyFile = SealSettings.DefaultKeyFile(dataFile) }, CancellationToken.None);
        using var database = new KeystoreDatabase(dataFile);
        using var cipher = DataKeys.Open(key, database.ReadSeal()!.Key);
        return database.Keys.FindAll().Select(BsonMapping.ToKeyRecord).ToDictionary(
            record => record.KeyId,
            record => (record.Sealed, record.Sealed ? cipher.Open(record.KeyId, record.StoredEnvelope) : record.StoredEnvelope));
    }

    private static (int Code, string Output, string Error) Migrate(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = SealCommand.Run(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void OldFile_SealMigrate_SealsEveryEnvelope_VerifiedWithoutLoss_AndTheTrailIsUntouched()
    {
        // Arrange
        var path = CopyFixture();
        var originals = ClearEnvelopes(path);
        Assert.Equal(64, originals.Count);

        // Act
        var (code, output, error) = Migrate($"--Keystore:DataFile={path}", "--BatchSize=10");

        // Assert
        Assert.True(code == 0, error);
        Assert.Contains("sealed 64 envelopes in 7 batches (0 were already sealed); verified 64", output, StringComparison.Ordinal);
        var envelopes = Envelopes(path);
        Assert.Equal(originals.Keys.Order(), envelopes.Keys.Order());
        Assert.All(originals, pair =>
        {
            Assert.True(envelopes[pair.Key].Sealed);
            Assert.Equal(pair.Value, envelopes[pair.Key].Envelope);
        });
        Assert.False(SealProbe.AnyFileHolds(_folder.Path, ShareEnvelope.Parse(originals.First().Value).Y.ToArray()));

        using var database = new KeystoreDatabase(path);
        Assert.Equal(StoredSeal.Sealed, database.ReadSeal()!.State);
        using var cipher = new EnvelopeCipher(System.Security.Cryptography.RandomNumberGenerator.GetBytes(EnvelopeCipher.KeySize));
        using var store = new KeystoreStore(database, cipher, "node1", new KeystoreStorageOptions(), TimeProvider.System, NullLogger.Instance);
        Assert.Equal(78, store.AuditHead.Length);
        Assert.Empty(AuditChainVerifier.Verify("node1", store.ReadAudit(1, 78), expectedHead: store.AuditHead).Problems);
    }

    [Fact]
    public void SealMigrate_RunAgain_FindsEverythingSealed_AndChangesNothing()
    {
        var path = CopyFixture();
        Assert.Equal(0, Migrate($"--Keystore:DataFile={path}").Code);
        var first = Envelopes(path);

        var (code, output, _) = Migrate($"--Keystore:DataFile={path}");

        Assert.Equal(0, code);
        Assert.Contains("sealed 0 envelopes in 0 batches (64 were already sealed); verified 64", output, StringComparison.Ordinal);
        var second = Envelopes(path);
        Assert.All(first, pair => Assert.Equal(pair.Value.Envelope, second[pair.Key].Envelope));
    }

    [Fact]
    public void SealingStoppedMidway_RollsBackTheBatch_AndTheNextRunFinishesWithoutLoss()
    {
        // Arrange
        var path = CopyFixture();
        var originals = ClearEnvelopes(path);
        var settings = new SealSettings { KeyFile = SealSettings.DefaultKeyFile(path) };

        // Act: the 25th envelope fails (a power cut), inside the third batch of 10.
        using (var key = SealKeys.Open(settings, CancellationToken.None))
        using (var database = new KeystoreDatabase(path))
        {
            var stopping = new SealMigrationOptions(10) { AfterEnvelope = count => _ = count == 25 ? throw new IOException("power cut") : 0 };
            Assert.Throws<IOException>(() => SealMigration.Run(database, key, stopping, TimeProvider.System, CancellationToken.None));
        }

        var midway = Envelopes(path);
        SealMigrationReport report;
        using (var key = SealKeys.Open(settings, CancellationToken.None))
        using (var database = new KeystoreDatabase(path))
        {
            Assert.Equal(StoredSeal.Sealing, database.ReadSeal()!.State);
            report = SealMigration.Run(database, key, new SealMigrationOptions(10), TimeProvider.System, CancellationToken.None);
        }

        // Assert
        Assert.Equal(20, midway.Values.Count(e => e.Sealed));
        Assert.All(originals, pair => Assert.Equal(pair.Value, midway[pair.Key].Envelope));
        Assert.Equal(new SealMigrationReport(44, 20, 64, 5, WasMarkedSealed: false), report);
        var sealedNow = Envelopes(path);
        Assert.All(originals, pair =>
        {
            Assert.True(sealedNow[pair.Key].Sealed);
            Assert.Equal(pair.Value, sealedNow[pair.Key].Envelope);
        });
    }

    [Fact]
    public void SealMigrate_WithAnotherKeyFile_Refuses_AndLeavesTheFileAsItWas()
    {
        var path = CopyFixture();
        Assert.Equal(0, Migrate($"--Keystore:DataFile={path}").Code);
        var other = _folder.Combine("other.key");
        File.WriteAllBytes(other, System.Security.Cryptography.RandomNumberGenerator.GetBytes(EnvelopeCipher.KeySize));
        File.SetUnixFileMode(other, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var before = SealProbe.Snapshot(_folder.Path);

        var (code, _, error) = Migrate($"--Keystore:DataFile={path}", $"--Keystore:Seal:KeyFile={other}");

        Assert.Equal(1, code);
        Assert.Contains("is not the key file the data key was wrapped with", error, StringComparison.Ordinal);
        Assert.Equal(before, SealProbe.Snapshot(_folder.Path));
    }

    [Fact]
    public void SealMigrate_WithoutDataFile_SaysWhatIsMissing()
    {
        var (code, _, error) = Migrate($"--Keystore:DataFile={_folder.Combine("nothing.db")}");

        Assert.Equal(2, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}

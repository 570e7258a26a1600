using Hydra.Storage.Files;
using Hydra.Testing;
using LiteDB;

namespace Hydra.Storage.Tests;

/// <summary>
/// The files a <see cref="DurableLiteDatabase"/> makes are its owner's alone under a 022 umask: the folder 0700, the data
/// file and log 0600, and the file LiteDB spills large sorts to (by default <c>/tmp/litedb_GUID.db</c>, 0644) is 0600,
/// in the data folder, and unlinked, so not even a crash leaves it behind.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DurableLiteDatabaseFileTests : IDisposable
{
    private readonly TempDirectory _folder = new("hydra-durable-files");

    public void Dispose() => _folder.Dispose();

    private static string Mode(string path) => OwnerOnly.Octal(File.GetUnixFileMode(path));

    [Fact]
    public void Open_InAMissingFolder_CreatesIt0700_WithDataAndLogFiles0600_AndNothingElse()
    {
        var data = _folder.Combine("node1", "keystore.db");

        using (var database = new DurableLiteDatabase(data))
        {
            database.BeginTransaction();
            database.GetCollection("items").Insert(new BsonDocument { ["_id"] = 1 });
            database.CommitDurably();
        }

        Assert.Equal("0700", Mode(_folder.Combine("node1")));
        Assert.Equal([_folder.Combine("node1", "keystore-log.db"), data], Directory.GetFileSystemEntries(_folder.Combine("node1")).Order());
        Assert.All(Directory.GetFiles(_folder.Combine("node1")), file => Assert.Equal("0600", Mode(file)));
    }

    [Fact]
    public void SortLargerThanLiteDbKeepsInMemory_SpillsToAnUnlinked0600FileInTheDataFolder()
    {
        // Arrange: 20,000 keys of 70 bytes overflow LiteDB's 800 KB in-memory sort container.
        var data = _folder.Combine("store.db");
        using var database = new DurableLiteDatabase(data);
        var items = database.GetCollection("items");
        database.BeginTransaction();
        items.InsertBulk(Enumerable.Range(0, 20_000).Select(i => new BsonDocument { ["_id"] = i, ["k"] = $"{i * 7919 % 20_000:D8}{new string('x', 62)}" }));
        database.CommitDurably();

        // Act
        var keys = items.Query().OrderBy("$.k").ToList().Select(d => d["k"].AsString).ToList();

        // Assert
        Assert.Equal(20_000, keys.Count);
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        var spill = Assert.Single(OpenFiles(), f => f.Target == _folder.Combine("store-tmp.db") + " (deleted)");
        Assert.True(database.SortFileLength > 800 * 1024, $"the sort did not reach the spill file ({database.SortFileLength} bytes)");
        Assert.Equal("0600", Mode(spill.Descriptor));
        Assert.Equal([_folder.Combine("store-log.db"), data], Directory.GetFileSystemEntries(_folder.Path).Order());
    }

    /// <summary>This process's open files as /proc shows them: the descriptor's path and what it points at.</summary>
    private static List<(string Descriptor, string? Target)> OpenFiles()
    {
        Assert.True(Directory.Exists("/proc/self/fd"), "this test reads Linux's /proc/self/fd");
        var files = new List<(string, string?)>();
        foreach (var descriptor in Directory.GetFiles("/proc/self/fd"))
        {
            try
            {
                files.Add((descriptor, new FileInfo(descriptor).LinkTarget));
            }
            catch (IOException)
            {
                // Closed since the listing (the listing's own descriptor, for one).
            }
        }

        return files;
    }
}

using Hydra.Testing;
using LiteDB;
using LiteDB.Engine;

namespace Hydra.Storage.Tests;

/// <summary>
/// Why <see cref="LiteDbWriterQueue"/> exists: LiteDB's <c>Commit()</c> can return before its background writer has put
/// the committed pages in the log (see <see cref="LiteDbWriterLoop"/>), so an fsync right after it could make a log
/// without them durable. The log's writes are held at a gate to show the order deterministically.
/// </summary>
public sealed class DurableLiteDatabaseTests
{
    private const int PageSize = 8192;

    [Fact]
    public void LiteDbCommit_ReturnsBeforeTheLogHasThePages_AndWaitUntilWrittenOnlyAfter()
    {
        // Arrange
        var log = new GatedStream(new MemoryStream());
        using var engine = new LiteEngine(new EngineSettings { DataStream = new MemoryStream(), LogStream = log });
        var queue = new LiteDbWriterQueue(engine);
        engine.Insert("items", [Item("warm-up")], BsonAutoId.Int32);
        engine.Checkpoint(); // LiteDB's own wait: nothing is left in its queue, without relying on the code under test
        var before = log.BytesWritten;
        log.HoldWrites();

        // Act
        LiteDbWriterLoop.OffTheCommittingThread(() => engine.Insert("items", [Item("held")], BsonAutoId.Int32));
        var afterCommit = log.BytesWritten;
        log.WaitForHeldWrite();
        var writtenWhenWaitReturned = -1L;
        var wait = BlockingCall.Start(() =>
        {
            queue.WaitUntilWritten();
            writtenWhenWaitReturned = log.BytesWritten;
        });
        var waited = wait.IsWaiting();
        log.ReleaseWrites();
        wait.Join();

        // Assert
        Assert.Equal(before, afterCommit);
        Assert.True(waited, "WaitUntilWritten returned while LiteDB's writer still held the committed pages.");
        Assert.True(writtenWhenWaitReturned > before, "the commit wrote no log page");
        Assert.Equal(0, (writtenWhenWaitReturned - before) % PageSize);
        Assert.Equal(log.BytesWritten, writtenWhenWaitReturned);
    }

    [Fact]
    public void CommitDurably_ReturnsOnlyOnceTheLogHoldsTheCommittedPages()
    {
        // Arrange
        using var folder = new TempDirectory("hydra-durable");
        var path = folder.Combine("store.db");
        GatedStream? log = null;
        using var database = new DurableLiteDatabase(path, inner => log = new GatedStream(inner));
        var items = database.GetCollection("items");
        database.BeginTransaction();
        items.Insert(Item("warm-up"));
        database.CommitDurably();
        database.CheckpointIfLarge(0); // LiteDB's own wait empties its queue (and the log) whatever CommitDurably does
        var before = log!.BytesWritten;
        log.HoldWrites();

        // Act
        var writtenWhenCommitReturned = -1L;
        var commit = BlockingCall.Start(() =>
        {
            database.BeginTransaction();
            items.Insert(Item("held"));
            LiteDbWriterLoop.OffTheCommittingThread(database.CommitDurably);
            writtenWhenCommitReturned = log.BytesWritten;
        });
        log.WaitForHeldWrite();
        var waited = commit.IsWaiting();
        log.ReleaseWrites();
        commit.Join();

        // Assert
        Assert.True(waited, "CommitDurably returned while LiteDB's writer still held the committed pages: its fsync would miss them.");
        Assert.True(writtenWhenCommitReturned > before, "the commit wrote no log page");
        Assert.Equal(log.BytesWritten, writtenWhenCommitReturned);
        Assert.Equal(writtenWhenCommitReturned - before, new FileInfo(DurableLiteDatabase.LogFileOf(path)).Length);
    }

    [Fact]
    public void CommittedDocuments_AreThereAfterReopening_WithIdsComparedOrdinally()
    {
        using var folder = new TempDirectory("hydra-durable");
        var path = folder.Combine("nested", "store.db");
        using (var database = new DurableLiteDatabase(path))
        {
            database.BeginTransaction();
            database.GetCollection("items").Insert(Item("Key-A", 1));
            database.GetCollection("items").Insert(Item("key-a", 2));
            database.CommitDurably();
        }

        using var reopened = new DurableLiteDatabase(path);

        Assert.Equal(1, reopened.GetCollection("items").FindById("Key-A")["v"].AsInt32);
        Assert.Equal(2, reopened.GetCollection("items").FindById("key-a")["v"].AsInt32);
    }

    [Fact]
    public void Rollback_DiscardsTheTransaction()
    {
        using var folder = new TempDirectory("hydra-durable");
        using var database = new DurableLiteDatabase(folder.Combine("store.db"));
        database.BeginTransaction();
        database.GetCollection("items").Insert(Item("gone"));

        database.Rollback();

        Assert.Null(database.GetCollection("items").FindById("gone"));
    }

    [Fact]
    public void BeginTransaction_WithOneOpenOnTheThread_Throws()
    {
        using var folder = new TempDirectory("hydra-durable");
        using var database = new DurableLiteDatabase(folder.Combine("store.db"));
        database.BeginTransaction();

        Assert.Throws<InvalidOperationException>(database.BeginTransaction);
    }

    [Fact]
    public void CheckpointIfLarge_CopiesTheLogIntoTheDataFile_OnlyAboveTheThreshold()
    {
        using var folder = new TempDirectory("hydra-durable");
        var path = folder.Combine("store.db");
        using (var database = new DurableLiteDatabase(path))
        {
            database.BeginTransaction();
            database.GetCollection("items").Insert(Item("kept", 7));
            database.CommitDurably();
            var logLength = new FileInfo(DurableLiteDatabase.LogFileOf(path)).Length;

            Assert.False(database.CheckpointIfLarge(logLength + 1));
            Assert.Equal(logLength, new FileInfo(DurableLiteDatabase.LogFileOf(path)).Length);
            Assert.True(database.CheckpointIfLarge(logLength));
            Assert.Equal(0, new FileInfo(DurableLiteDatabase.LogFileOf(path)).Length);
        }

        using var reopened = new DurableLiteDatabase(path);
        Assert.Equal(7, reopened.GetCollection("items").FindById("kept")["v"].AsInt32);
    }

    [Fact]
    public void SecondOpen_OfAStoreInUse_IsRefused()
    {
        using var folder = new TempDirectory("hydra-durable");
        var path = folder.Combine("store.db");
        using var first = new DurableLiteDatabase(path);

        Assert.Throws<IOException>(() => new DurableLiteDatabase(path).Dispose());
    }

    private static BsonDocument Item(string id, int value = 0) => new() { ["_id"] = id, ["v"] = value };
}

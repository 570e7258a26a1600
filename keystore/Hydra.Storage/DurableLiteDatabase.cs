using System.Globalization;
using Hydra.Storage.Files;
using LiteDB;
using LiteDB.Engine;

namespace Hydra.Storage;

/// <summary>
/// A LiteDB database whose commits are durable when <see cref="CommitDurably"/> returns, for services that gather
/// concurrent writes into one transaction (group commit) on a single writer thread: the keystore nodes' stores and
/// the bridge's catalog.
/// </summary>
/// <remarks>
/// LiteDB 5.0.20's <c>Commit()</c> queues pages for a writer loop that may still be writing them when it returns (see
/// <see cref="LiteDbWriterQueue"/>), and that loop fsyncs each time its queue runs dry (once per page under load:
/// measured 25,000 fsyncs for 40,000 small documents). Here the log
/// file's flush only pushes bytes to the OS and durability is driven explicitly: wait for the writer queue, then one
/// fsync of the log for the whole group. Automatic checkpoints are off; <see cref="CheckpointIfLarge"/> copies the
/// log into the data file between groups, when the log is durable, so a crash mid-checkpoint is repaired from the log
/// on the next start. Ids compare ordinally (LiteDB's default collation ignores case).
/// </remarks>
public sealed class DurableLiteDatabase : IBatchDatabase, IDisposable
{
    private readonly SyncControlledFileStream _dataStream;
    private readonly SyncControlledFileStream _logStream;
    private readonly FileStream _sortStream;
    private readonly LiteDatabase _database;
    private readonly LiteDbWriterQueue _writerQueue;

    public DurableLiteDatabase(string dataFile)
        : this(dataFile, static log => log)
    {
    }

    /// <summary>Test seam: LiteDB reads and writes the log through <paramref name="logStreamForLiteDb"/>.</summary>
    internal DurableLiteDatabase(string dataFile, Func<Stream, Stream> logStreamForLiteDb)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFile);
        ArgumentNullException.ThrowIfNull(logStreamForLiteDb);
        var fullPath = Path.GetFullPath(dataFile);
        OwnerOnly.CreateFolder(Path.GetDirectoryName(fullPath)!);
        _dataStream = new SyncControlledFileStream(fullPath, fsyncOnFlush: true);
        LiteEngine? engine = null;
        try
        {
            _logStream = new SyncControlledFileStream(LogFileOf(fullPath), fsyncOnFlush: false);
            _sortStream = OwnerOnly.OpenScratch(SortFileOf(fullPath));
            engine = new LiteEngine(new EngineSettings
            {
                DataStream = _dataStream,
                LogStream = logStreamForLiteDb(_logStream),
                TempStream = _sortStream,
                Collation = new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
            });
            _writerQueue = new LiteDbWriterQueue(engine);
            _database = new LiteDatabase(engine) { CheckpointSize = 0 };
        }
        catch
        {
            // A LiteDB whose writer queue moved refuses here, after the engine opened: close it before its files.
            engine?.Dispose();
            _sortStream?.Dispose();
            _logStream?.Dispose();
            _dataStream.Dispose();
            throw;
        }
    }

    /// <summary>The log file LiteDB keeps beside <paramref name="dataFile"/>.</summary>
    public static string LogFileOf(string dataFile) =>
        Path.Combine(Path.GetDirectoryName(dataFile)!, Path.GetFileNameWithoutExtension(dataFile) + "-log" + Path.GetExtension(dataFile));

    /// <summary>
    /// Where LiteDB spills sorts too large for memory. Left to itself it would create <c>/tmp/litedb_GUID.db</c> under the
    /// umask (0644), readable by every local user; this file is 0600, in the data folder, and unlinked while open.
    /// </summary>
    private static string SortFileOf(string dataFile) =>
        Path.Combine(Path.GetDirectoryName(dataFile)!, Path.GetFileNameWithoutExtension(dataFile) + "-tmp" + Path.GetExtension(dataFile));

    /// <summary>Test seam: bytes LiteDB has spilled to the sort file.</summary>
    internal long SortFileLength => _sortStream.Length;

    public ILiteCollection<BsonDocument> GetCollection(string name) => _database.GetCollection(name);

    /// <summary>Opens a transaction on the calling (writer) thread.</summary>
    public void BeginTransaction()
    {
        if (!_database.BeginTrans())
        {
            throw new InvalidOperationException("A LiteDB transaction was already open on the writer thread.");
        }
    }

    public void Rollback() => _database.Rollback();

    /// <summary>Commits the open transaction and returns once it is on disk.</summary>
    public void CommitDurably()
    {
        _database.Commit();
        _writerQueue.WaitUntilWritten();
        _logStream.FlushToDisk();
    }

    /// <summary>Copies a large log into the data file; only call between groups, when the log is durable.</summary>
    public bool CheckpointIfLarge(long thresholdBytes)
    {
        if (_logStream.Length < thresholdBytes)
        {
            return false;
        }

        _database.Checkpoint();
        return true;
    }

    public void Dispose()
    {
        _database.Dispose();
        _sortStream.Dispose();
        _logStream.Dispose();
        _dataStream.Dispose();
    }
}

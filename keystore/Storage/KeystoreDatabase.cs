using System.Globalization;
using Hydra.Client.Auditing;
using LiteDB;
using LiteDB.Engine;

namespace Hydra.Keystore.Storage;

/// <summary>
/// The node's LiteDB store: the <c>keys</c> collection (share envelope and ACL per key), the <c>audit</c>
/// collection (the hash-chained trail, keyed by sequence number) and the <c>checkpoints</c> collection.
/// </summary>
/// <remarks>
/// Durability is driven here, not by LiteDB (see <see cref="SyncControlledFileStream"/>): a commit becomes durable in
/// <see cref="CommitDurably"/>, which waits for LiteDB's writer queue and then fsyncs the log file once for the whole
/// batch. Automatic checkpoints are off; <see cref="CheckpointIfLarge"/> copies the log into the data file between
/// batches, when the log is already durable, so a crash mid-checkpoint is repaired from the log on the next start.
/// </remarks>
internal sealed class KeystoreDatabase : IDisposable
{
    private readonly SyncControlledFileStream _dataStream;
    private readonly SyncControlledFileStream _logStream;
    private readonly LiteDatabase _database;
    private readonly LiteDbWriterQueue _writerQueue;

    public KeystoreDatabase(string dataFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFile);
        var fullPath = Path.GetFullPath(dataFile);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        _dataStream = new SyncControlledFileStream(fullPath, fsyncOnFlush: true);
        try
        {
            _logStream = new SyncControlledFileStream(LogFileOf(fullPath), fsyncOnFlush: false);
            // Key ids are case-sensitive: LiteDB's default collation ignores case, so the store uses ordinal comparison.
            var engine = new LiteEngine(new EngineSettings
            {
                DataStream = _dataStream,
                LogStream = _logStream,
                Collation = new Collation(CultureInfo.InvariantCulture.LCID, CompareOptions.Ordinal),
            });
            _writerQueue = new LiteDbWriterQueue(engine);
            _database = new LiteDatabase(engine) { CheckpointSize = 0 };
        }
        catch
        {
            _logStream?.Dispose();
            _dataStream.Dispose();
            throw;
        }

        Keys = _database.GetCollection(KeysCollection);
        Audit = _database.GetCollection(AuditCollection);
        Checkpoints = _database.GetCollection(CheckpointsCollection);
    }

    public const string KeysCollection = "keys";
    public const string AuditCollection = "audit";
    public const string CheckpointsCollection = "checkpoints";

    public ILiteCollection<BsonDocument> Keys { get; }

    public ILiteCollection<BsonDocument> Audit { get; }

    /// <summary>Signed checkpoints: this node's own and those it witnessed for peers, keyed <c>node:sequence</c>.</summary>
    public ILiteCollection<BsonDocument> Checkpoints { get; }

    /// <summary>The log file LiteDB keeps beside <paramref name="dataFile"/>.</summary>
    public static string LogFileOf(string dataFile) =>
        Path.Combine(Path.GetDirectoryName(dataFile)!, Path.GetFileNameWithoutExtension(dataFile) + "-log" + Path.GetExtension(dataFile));

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

    /// <summary>Copies a large log into the data file; only call between batches, when the log is durable.</summary>
    public bool CheckpointIfLarge(long thresholdBytes)
    {
        if (_logStream.Length < thresholdBytes)
        {
            return false;
        }

        _database.Checkpoint();
        return true;
    }

    /// <summary>The last record of the audit trail, or null when the trail is empty.</summary>
    public AuditEntry? LastAuditEntry()
    {
        var last = Audit.Query().OrderByDescending("_id").Limit(1).FirstOrDefault();
        return last is null ? null : BsonMapping.ToAuditEntry(last);
    }

    public void Dispose()
    {
        _database.Dispose();
        _logStream.Dispose();
        _dataStream.Dispose();
    }
}

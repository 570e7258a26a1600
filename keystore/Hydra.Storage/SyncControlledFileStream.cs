using Hydra.Storage.Files;

namespace Hydra.Storage;

/// <summary>
/// A file stream for LiteDB whose <see cref="Flush"/> leaves fsync to the caller.
/// </summary>
/// <remarks>
/// LiteDB 5.0.20 writes its log from a writer loop (on the committing thread or a pool thread) and fsyncs each time
/// that loop's queue runs dry, which is once per page under load (measured: 25,000 fsyncs for 40,000 small documents)
/// and still does not make a commit durable when <c>Commit()</c> returns. The keystore therefore drives durability itself: the log file's flush only
/// pushes bytes to the OS, and <see cref="FlushToDisk"/> is called once per group commit, after the writer queue has
/// drained. The data file keeps a real fsync on flush, since LiteDB flushes it only at the end of a checkpoint.
/// </remarks>
internal sealed class SyncControlledFileStream : Stream
{
    private readonly FileStream _inner;
    private readonly bool _fsyncOnFlush;

    public SyncControlledFileStream(string path, bool fsyncOnFlush)
    {
        // FileShare.None: a second process (a misconfigured second node) cannot open the same store. A new file is 0600.
        _inner = OwnerOnly.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        _fsyncOnFlush = fsyncOnFlush;
    }

    /// <summary>Makes every byte written so far durable.</summary>
    public void FlushToDisk()
    {
        // LiteDB's ConcurrentStream serialises its own access by locking this instance.
        lock (this)
        {
            _inner.Flush(flushToDisk: true);
        }
    }

    public override void Flush()
    {
        if (_fsyncOnFlush)
        {
            _inner.Flush(flushToDisk: true);
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void SetLength(long value) => _inner.SetLength(value);

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}

using System.Collections.Concurrent;
using Hydra.Storage.Files;

namespace Hydra.Bridge.Storage;

/// <summary>
/// Ciphertext files under <c>objects/</c>, one container per image, written through a temporary name, fsynced and
/// renamed: a reader never sees a partial object, and an object is on disk before its catalog entry exists. Objects are
/// 0600 and their folders 0700, as <see cref="AtomicFile"/> makes them.
/// </summary>
internal sealed class FolderObjectStore : IObjectStore
{
    private const int MaxPooledBufferBytes = 16 << 20;

    private readonly ConcurrentBag<AlignedMemoryStream> _buffers = [];

    public FolderObjectStore(string dataDirectory)
    {
        Root = Path.Combine(Path.GetFullPath(dataDirectory), "objects");
        OwnerOnly.CreateFolder(Root);
        RemoveLeftovers();
    }

    public string Root { get; }

    public string FullPath(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Object path '{relativePath}' leaves the object store.", nameof(relativePath));
        }

        return full;
    }

    /// <summary>
    /// Writes an object durably and atomically on the calling thread; returns its size. <paramref name="write"/> fills a
    /// pooled aligned buffer, which goes to disk past the page cache (objects are written once and rarely read soon).
    /// </summary>
    public long Write(string relativePath, Action<Stream> write)
    {
        var buffer = _buffers.TryTake(out var pooled) ? pooled : new AlignedMemoryStream();
        try
        {
            buffer.Reset();
            write(buffer);
            return AtomicFile.Write(FullPath(relativePath), buffer);
        }
        finally
        {
            // A buffer grown for an unusually large image is let go rather than kept for every later one.
            if (buffer.Capacity <= MaxPooledBufferBytes && _buffers.Count < Environment.ProcessorCount * 2)
            {
                _buffers.Add(buffer);
            }
        }
    }

    /// <summary>
    /// Deletes temporary files a crash left behind. They were never renamed into place, so no catalog entry names them
    /// and no sender was told their image was stored; the sender's retry writes the object again.
    /// </summary>
    private void RemoveLeftovers()
    {
        foreach (var leftover in Directory.EnumerateFiles(Root, "*" + AtomicFile.PartialMarker + "*", SearchOption.AllDirectories))
        {
            File.Delete(leftover);
        }
    }

    public Task<StoredObject> WriteAsync(string path, Action<Stream> write, CancellationToken cancellationToken) =>
        Task.FromResult(new StoredObject(path, Write(path, write)));

    public Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken) =>
        Task.FromResult<Stream>(new FileStream(FullPath(path), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous));

    public Task<bool> ExistsAsync(string path, CancellationToken cancellationToken) => Task.FromResult(File.Exists(FullPath(path)));

    public Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        File.Delete(FullPath(path));
        return Task.CompletedTask;
    }
}

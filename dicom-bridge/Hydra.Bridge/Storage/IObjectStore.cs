namespace Hydra.Bridge.Storage;

/// <summary>
/// Where the bridge keeps its ciphertext containers: a local folder (the default) or an S3 bucket (Bridge:Objects).
/// An object is written whole or not at all, and is never written over: what a catalog entry names stays as it was.
/// </summary>
internal interface IObjectStore
{
    /// <summary>
    /// Writes a new object for the logical name <paramref name="path"/> (see <see cref="ObjectNames"/>) from what
    /// <paramref name="write"/> writes, on the calling thread; visible only once complete. Returns the name it was
    /// stored under (which the catalog keeps: in S3 it is unique per attempt) and its size.
    /// </summary>
    /// <exception cref="ObjectStoreException">The store is unreachable, full or refused the write; nothing is visible.</exception>
    Task<StoredObject> WriteAsync(string path, Action<Stream> write, CancellationToken cancellationToken);

    /// <summary>Opens a stored object for reading from its start.</summary>
    /// <exception cref="FileNotFoundException">No object has that name.</exception>
    /// <exception cref="ObjectStoreException">The store is unreachable or refused the read.</exception>
    Task<Stream> OpenReadAsync(string path, CancellationToken cancellationToken);

    /// <summary>Whether an object has that name.</summary>
    Task<bool> ExistsAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// Removes an object no catalog entry names (written by an ingest that lost the race to another bridge); an
    /// absent object is no error.
    /// </summary>
    /// <exception cref="ObjectStoreException">The store is unreachable or refused the deletion.</exception>
    Task DeleteAsync(string path, CancellationToken cancellationToken);
}

/// <summary>An object as written: the name to read it back by, and its size in bytes.</summary>
internal sealed record StoredObject(string Path, long Size);

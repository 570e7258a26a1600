namespace Hydra.Storage.Files;

/// <summary>
/// Writes a file through a temporary name in the same folder, fsyncs it, renames it into place and fsyncs the folder:
/// a reader (or a crash) never sees a partial file under the final name, and once this returns the file survives a
/// power cut. Temporary names end in <c>.partial-XXXXXXXX</c>; a crash may leave one behind for the owner to remove.
/// Files are created 0600 and missing folders 0700 (<see cref="OwnerOnly"/>): what Hydra writes is nobody else's.
/// </summary>
public static class AtomicFile
{
    /// <summary>The marker in the names of temporary files, for owners cleaning up after a crash.</summary>
    public const string PartialMarker = ".partial-";

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>; returns its result and the file's size.</summary>
    public static async Task<(T Result, long Size)> WriteAsync<T>(string path, Func<Stream, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (full, temporary) = Prepare(path);
        try
        {
            T result;
            long size;
            var target = OwnerOnly.Open(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (target.ConfigureAwait(false))
            {
                result = await write(target).ConfigureAwait(false);
                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
                target.Flush(flushToDisk: true);
                size = target.Length;
            }

            Publish(temporary, full);
            return (result, size);
        }
        finally
        {
            RemoveLeftover(temporary);
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/>, already in memory, to <paramref name="path"/> and returns its size. On Linux
    /// the bytes bypass the page cache where the file system allows it (see <see cref="UncachedFile"/>): for large
    /// write-once files, whose copy into the cache costs more CPU than anything else about writing them.
    /// </summary>
    public static long Write(string path, AlignedMemoryStream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var (full, temporary) = Prepare(path);
        try
        {
            if (!UncachedFile.TryWriteDurably(temporary, content))
            {
                using var target = OwnerOnly.Open(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
                target.Write(content.Contents);
                target.Flush(flushToDisk: true);
            }

            Publish(temporary, full);
            return content.Length;
        }
        finally
        {
            RemoveLeftover(temporary);
        }
    }

    private static (string Full, string Temporary) Prepare(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        CreateDirectoryDurably(Path.GetDirectoryName(full)!);
        return (full, full + PartialMarker + Guid.NewGuid().ToString("N")[..8]);
    }

    private static void Publish(string temporary, string full)
    {
        File.Move(temporary, full, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(full)!);
    }

    private static void RemoveLeftover(string temporary)
    {
        if (File.Exists(temporary))
        {
            File.Delete(temporary);
        }
    }

    private static void CreateDirectoryDurably(string directory)
    {
        foreach (var created in OwnerOnly.CreateFolder(directory))
        {
            DirectorySync.Flush(Path.GetDirectoryName(created)!);
        }
    }
}

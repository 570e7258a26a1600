namespace Hydra.Client;

/// <summary>
/// Writes a file through a temporary name in the same folder, fsyncs it and renames it into place: a reader (or a
/// crash) never leaves a partial file under the final name.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>; returns its result and the file's size.</summary>
    public static async Task<(T Result, long Size)> WriteAsync<T>(string path, Func<Stream, Task<T>> write, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            T result;
            long size;
            var target = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await using (target.ConfigureAwait(false))
            {
                result = await write(target).ConfigureAwait(false);
                await target.FlushAsync(cancellationToken).ConfigureAwait(false);
                target.Flush(flushToDisk: true);
                size = target.Length;
            }

            File.Move(temporary, full, overwrite: true);
            return (result, size);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}

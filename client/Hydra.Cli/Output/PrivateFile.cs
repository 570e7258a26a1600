using System.Text;
using Hydra.Storage.Files;

namespace Hydra.Cli.Output;

/// <summary>
/// Writes files only their owner can read (keys, secrets): created with mode 600 before any byte is written, and an
/// existing file written over is made 600 too.
/// </summary>
internal static class PrivateFile
{
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var file = OwnerOnly.Open(path, FileMode.Create, FileAccess.Write);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }

    public static Task WriteAsync(string path, string text, CancellationToken cancellationToken) =>
        WriteAsync(path, Encoding.UTF8.GetBytes(text), cancellationToken);
}

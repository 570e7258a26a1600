using System.Text;

namespace Hydra.Cli.Output;

/// <summary>Writes files only their owner can read (keys, secrets), created with mode 600 before any byte is written.</summary>
internal static class PrivateFile
{
    public static async Task WriteAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var file = new FileStream(path, options);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }

    public static Task WriteAsync(string path, string text, CancellationToken cancellationToken) =>
        WriteAsync(path, Encoding.UTF8.GetBytes(text), cancellationToken);
}

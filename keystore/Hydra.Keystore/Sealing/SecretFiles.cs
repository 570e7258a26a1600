using System.Security.Cryptography;
using Hydra.Storage.Files;

namespace Hydra.Keystore.Sealing;

/// <summary>Files only the node's user may read: the seal key file and the PIN file.</summary>
internal static class SecretFiles
{
    /// <summary>Reads a secret file after checking that no group or other permission bit is set.</summary>
    public static byte[] ReadPrivate(string path, string what)
    {
        try
        {
            if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OwnerOnly.GroupOrOthers) != 0)
            {
                throw new SealException($"The {what} '{path}' is readable or writable by group or others; make it mode 0600 or 0400.");
            }

            return File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SealException($"The {what} '{path}' could not be read: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Creates <paramref name="path"/> (mode 0600 from the first byte) holding <paramref name="content"/>, durably: written
    /// under a temporary name, fsynced, renamed into place (never over an existing file), then the folder is fsynced.
    /// </summary>
    public static void CreatePrivate(string path, ReadOnlySpan<byte> content)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        var temporary = path + ".partial-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: false);
            DirectorySync.Flush(folder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new SealException($"The key file '{path}' could not be created: {ex.Message}", ex);
        }
    }
}

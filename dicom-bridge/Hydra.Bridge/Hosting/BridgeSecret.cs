using System.Security.Cryptography;
using Hydra.Dicom.Deidentification;

namespace Hydra.Bridge.Hosting;

/// <summary>
/// The secret behind pseudonyms, UID mappings and date shifts. Created once (32 random bytes, mode 600, fsynced,
/// renamed into place); refused at start when others may read it, as ssh refuses a readable private key.
/// </summary>
internal static class BridgeSecret
{
    private const UnixFileMode OthersAnything =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static byte[] LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Create(path);
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OthersAnything) != 0)
        {
            throw new InvalidOperationException(
                $"Bridge:SecretFile '{path}' is open to other users ({Convert.ToString((int)File.GetUnixFileMode(path), 8)}); run chmod 600 on it.");
        }

        var secret = File.ReadAllBytes(path);
        if (secret.Length < DeidentificationOptions.MinSecretLength)
        {
            throw new InvalidOperationException(
                $"Bridge:SecretFile '{path}' holds {secret.Length} bytes; it needs at least {DeidentificationOptions.MinSecretLength}.");
        }

        return secret;
    }

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".new";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            stream.Write(RandomNumberGenerator.GetBytes(32));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: false);
    }
}

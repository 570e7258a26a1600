using System.Security.Cryptography;
using Hydra.Dicom.Deidentification;
using Hydra.Storage.Files;

namespace Hydra.Bridge.Hosting;

/// <summary>
/// The secret behind pseudonyms, UID mappings and date shifts. Created once (32 random bytes, mode 600, fsynced,
/// renamed into place); refused at start when others may read it, as ssh refuses a readable private key.
/// </summary>
internal static class BridgeSecret
{
    public static byte[] LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Create(path);
        }

        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & OwnerOnly.GroupOrOthers) != 0)
        {
            throw new InvalidOperationException(
                $"Bridge:SecretFile '{path}' is open to other users (mode {OwnerOnly.Octal(File.GetUnixFileMode(path))}); run chmod 600 '{path}'.");
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
        OwnerOnly.CreateFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".new";
        using (var stream = OwnerOnly.Open(temporary, FileMode.Create, FileAccess.Write))
        {
            stream.Write(RandomNumberGenerator.GetBytes(32));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: false);
    }
}

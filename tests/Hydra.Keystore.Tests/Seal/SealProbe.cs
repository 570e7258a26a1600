using Hydra.Keystore.Contract;
using Hydra.Keystore.Storage;
using Hydra.Sharing;
using Hydra.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Keystore.Tests.Seal;

/// <summary>What a thief with a node's folder would look at: its files' raw bytes, and the shares the node holds.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class SealProbe
{
    /// <summary>The share (the envelope's Y) that <paramref name="node"/> holds for <paramref name="keyId"/>, read through the node.</summary>
    public static async Task<byte[]> ShareAsync(KeystoreNode node, KeyId keyId)
    {
        var store = node.Services.GetRequiredService<KeystoreStore>();
        var envelope = await store.ExecuteHousekeepingAsync(t => t.OpenEnvelope(t.FindKey(keyId.Value)!), CancellationToken.None).DefaultTimeout();
        return ShareEnvelope.Parse(envelope).Y.ToArray();
    }

    /// <summary>Whether any file under <paramref name="folder"/> holds <paramref name="needle"/> byte for byte.</summary>
    public static bool AnyFileHolds(string folder, byte[] needle) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any(file => File.ReadAllBytes(file).AsSpan().IndexOf(needle) >= 0);

    /// <summary>Every file under <paramref name="folder"/> and its SHA-256, to show nothing was changed.</summary>
    public static SortedDictionary<string, string> Snapshot(string folder) => new(
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(
            file => Path.GetRelativePath(folder, file),
            file => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)))),
        StringComparer.Ordinal);

    /// <summary>
    /// Copies <paramref name="source"/> with every file in it, as a thief copies a disk or a backup, into folders closed
    /// to others (as a node wants them: the refusal tested is the seal's, not the data folder check's).
    /// </summary>
    public static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            File.Copy(file, copy);
        }
    }
}

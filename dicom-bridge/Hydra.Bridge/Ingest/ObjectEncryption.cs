using Hydra.Bridge.Storage;
using Hydra.Cluster;
using Hydra.Cluster.Containers;
using Hydra.Dicom;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Ingest;

/// <summary>
/// Encrypts an image (catalogued or quarantined) into its container in the object store, durably and atomically, and
/// decrypts it back.
/// </summary>
internal static class ObjectEncryption
{
    /// <summary>Decrypts the container at <paramref name="path"/> into <paramref name="destination"/>, each segment once its tag verified.</summary>
    /// <exception cref="ContainerException">The stored object is damaged; what was written before the damage is verified.</exception>
    public static async Task CopyToAsync(ObjectStore objects, string path, ReadOnlyMemory<byte> key, Stream destination, CancellationToken cancellationToken)
    {
        var ciphertext = objects.OpenRead(path);
        await using (ciphertext)
        {
            await ContainerCipher.DecryptAsync(ciphertext, destination, key, cancellationToken);
        }
    }

    /// <summary>
    /// The whole plaintext of the container at <paramref name="path"/> in memory, for a caller that parses it as one
    /// piece; <paramref name="sizeHint"/> (the container's size, when known) sizes the buffer.
    /// </summary>
    /// <exception cref="ContainerException">The stored object is damaged.</exception>
    public static async Task<ReadOnlyMemory<byte>> ReadAllAsync(
        ObjectStore objects, string path, ReadOnlyMemory<byte> key, long sizeHint, CancellationToken cancellationToken)
    {
        var plaintext = new MemoryStream((int)Math.Clamp(sizeHint, 0, int.MaxValue));
        await CopyToAsync(objects, path, key, plaintext, cancellationToken);
        return plaintext.GetBuffer().AsMemory(0, (int)plaintext.Length);
    }

    /// <summary>
    /// Encodes <paramref name="file"/> straight into the container (no plaintext copy of the whole file is made), on a
    /// thread-pool thread: encryption and the file writes then cost one hop instead of one per buffered write.
    /// </summary>
    /// <returns>The container's size.</returns>
    public static Task<long> WriteAsync(
        ObjectStore objects, ClusterConfiguration cluster, string path, KeyId keyId, DicomFile file, byte[] key, CancellationToken cancellationToken) =>
        WriteAsync(objects, cluster, path, keyId, stream => file.WriteTo(stream), key, cancellationToken);

    /// <summary>Encrypts what <paramref name="write"/> writes (e.g. a review thumbnail's PNG) as <see cref="WriteAsync(ObjectStore, ClusterConfiguration, string, KeyId, DicomFile, byte[], CancellationToken)"/> does a file.</summary>
    public static Task<long> WriteAsync(
        ObjectStore objects, ClusterConfiguration cluster, string path, KeyId keyId, Action<Stream> write, byte[] key, CancellationToken cancellationToken)
    {
        var options = new ContainerOptions
        {
            KeyId = keyId,
            Threshold = cluster.Threshold,
            ShareCount = cluster.Nodes.Count,
        };
        return Task.Run(
            () => objects.Write(path, stream =>
            {
                using var container = new ContainerWriteStream(stream, key, options, leaveOpen: true);
                write(container);
                container.Complete();
            }),
            cancellationToken);
    }
}

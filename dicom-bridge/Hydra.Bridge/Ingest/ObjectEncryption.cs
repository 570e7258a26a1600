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
    public static async Task CopyToAsync(IObjectStore objects, string path, ReadOnlyMemory<byte> key, Stream destination, CancellationToken cancellationToken)
    {
        var ciphertext = await objects.OpenReadAsync(path, cancellationToken);
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
        IObjectStore objects, string path, ReadOnlyMemory<byte> key, long sizeHint, CancellationToken cancellationToken)
    {
        var plaintext = new MemoryStream((int)Math.Clamp(sizeHint, 0, int.MaxValue));
        await CopyToAsync(objects, path, key, plaintext, cancellationToken);
        return plaintext.GetBuffer().AsMemory(0, (int)plaintext.Length);
    }

    /// <summary>
    /// Encodes <paramref name="file"/> straight into the container (no plaintext copy of the whole file is made), on a
    /// thread-pool thread: encryption and the file writes then cost one hop instead of one per buffered write.
    /// </summary>
    /// <returns>The name the container was stored under (the catalog keeps it) and its size.</returns>
    public static Task<StoredObject> WriteAsync(
        IObjectStore objects, ClusterConfiguration cluster, string path, KeyId keyId, DicomFile file, byte[] key, CancellationToken cancellationToken) =>
        WriteAsync(objects, cluster, path, keyId, stream => file.WriteTo(stream), key, cancellationToken);

    /// <summary>Encrypts what <paramref name="write"/> writes (e.g. a review thumbnail's PNG) as <see cref="WriteAsync(IObjectStore, ClusterConfiguration, string, KeyId, DicomFile, byte[], CancellationToken)"/> does a file.</summary>
    public static Task<StoredObject> WriteAsync(
        IObjectStore objects, ClusterConfiguration cluster, string path, KeyId keyId, Action<Stream> write, byte[] key, CancellationToken cancellationToken)
    {
        var options = new ContainerOptions
        {
            KeyId = keyId,
            Threshold = cluster.Threshold,
            ShareCount = cluster.Nodes.Count,
        };
        return Task.Run(
            () => objects.WriteAsync(
                path,
                stream =>
                {
                    using var container = new ContainerWriteStream(stream, key, options, leaveOpen: true);
                    write(container);
                    container.Complete();
                },
                cancellationToken),
            cancellationToken);
    }
}

using Hydra.Bridge.Storage;
using Hydra.Client;
using Hydra.Client.Cluster;
using Hydra.Client.Containers;

namespace Hydra.Bridge.Ingest;

/// <summary>Encrypts an image (catalogued or quarantined) into its container in the object store, durably and atomically.</summary>
internal static class ObjectEncryption
{
    /// <summary>Returns the container's size.</summary>
    public static Task<long> WriteAsync(
        ObjectStore objects, ClusterConfiguration cluster, string path, KeyId keyId, byte[] plaintext, byte[] key, CancellationToken cancellationToken)
    {
        var options = new ContainerOptions
        {
            KeyId = keyId,
            Threshold = cluster.Threshold,
            ShareCount = cluster.Nodes.Count,
            PlaintextLength = plaintext.Length,
            // One image per container is small; ingest runs many images side by side instead.
            MaxDegreeOfParallelism = 1,
        };
        return objects.WriteAsync(
            path, stream => ContainerCipher.EncryptAsync(new MemoryStream(plaintext, writable: false), stream, key, options, cancellationToken),
            cancellationToken);
    }
}

using Hydra.Cli.Output;
using Hydra.Cluster;
using Hydra.Cluster.Containers;
using Hydra.Keystore.Contract;
using Hydra.Storage.Files;

namespace Hydra.Cli.Connection;

/// <summary>
/// Encrypting and decrypting files with the container format, written atomically (a partial output never carries
/// the final name) and with a progress bar for large files.
/// </summary>
internal static class FileCrypto
{
    public static async Task<ContainerHeader> EncryptAsync(
        CommandOutput output, string inputPath, string outputPath, KeyId keyId, ReadOnlyMemory<byte> key, ClusterConfiguration cluster,
        CancellationToken cancellationToken)
    {
        var input = File.OpenRead(inputPath);
        await using (input.ConfigureAwait(false))
        {
            var options = new ContainerOptions
            {
                KeyId = keyId,
                Threshold = cluster.Threshold,
                ShareCount = cluster.Nodes.Count,
                PlaintextLength = input.Length,
            };
            return await WriteAtomicallyAsync(
                outputPath,
                async target => await output.WithProgressAsync($"encrypting {Path.GetFileName(inputPath)}", input.Length, progress =>
                    ContainerCipher.EncryptAsync(new ProgressStream(input, progress), target, key, options, cancellationToken))
                    .ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the container's key id, rebuilds that key from the cluster and decrypts to <paramref name="outputPath"/> ("-" = stdout).</summary>
    public static async Task<(ContainerHeader Header, FetchedKey Key)> DecryptAsync(
        CommandOutput output, CliConsole console, KeystoreCluster cluster, string inputPath, string outputPath, CancellationToken cancellationToken)
    {
        var input = File.OpenRead(inputPath);
        await using (input.ConfigureAwait(false))
        {
            var header = await ContainerHeader.ReadAsync(input, cancellationToken).ConfigureAwait(false);
            input.Position = 0;
            var key = await cluster.GetKeyAsync(header.KeyId, cancellationToken).ConfigureAwait(false);
            try
            {
                if (outputPath == "-")
                {
                    await ContainerCipher.DecryptAsync(input, console.StandardOutput, key.KeyMemory, cancellationToken).ConfigureAwait(false);
                    return (header, key);
                }

                await WriteAtomicallyAsync(
                    outputPath,
                    async target => await output.WithProgressAsync($"decrypting {Path.GetFileName(inputPath)}", input.Length, progress =>
                        ContainerCipher.DecryptAsync(new ProgressStream(input, progress), target, key.KeyMemory, cancellationToken))
                        .ConfigureAwait(false),
                    cancellationToken).ConfigureAwait(false);
                return (header, key);
            }
            catch
            {
                key.Dispose();
                throw;
            }
        }
    }

    private static async Task<T> WriteAtomicallyAsync<T>(string path, Func<Stream, Task<T>> write, CancellationToken cancellationToken) =>
        (await AtomicFile.WriteAsync(path, write, cancellationToken).ConfigureAwait(false)).Result;
}

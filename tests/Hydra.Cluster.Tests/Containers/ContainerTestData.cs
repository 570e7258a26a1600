using Hydra.Cluster.Containers;
using Hydra.Cluster.Tests.Support;
using Hydra.Keystore.Contract;

namespace Hydra.Cluster.Tests.Containers;

/// <summary>Keys, plaintexts and the ways to decrypt a container that every container test exercises.</summary>
public static class ContainerTestData
{
    public static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)(i * 3 + 1)).ToArray();

    public static readonly KeyId Id = KeyId.Parse("img-1");

    public static byte[] Plaintext(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 31 + 7)).ToArray();

    public static ContainerOptions Options(int segmentSize, long? length = null, int parallelism = 1) => new()
    {
        KeyId = Id,
        SegmentSize = segmentSize,
        PlaintextLength = length,
        MaxDegreeOfParallelism = parallelism,
    };

    /// <summary>Encrypts with the write stream in writes of <paramref name="writeSize"/> bytes.</summary>
    public static byte[] Encrypt(byte[] plaintext, int segmentSize, int writeSize = 7, long? declaredLength = null)
    {
        using var output = new MemoryStream();
        using (var writer = new ContainerWriteStream(output, Key, Options(segmentSize, declaredLength), leaveOpen: true))
        {
            foreach (var piece in plaintext.Chunk(writeSize))
            {
                writer.Write(piece);
            }

            writer.Complete();
        }

        return output.ToArray();
    }

    /// <summary>
    /// The decryption paths: read stream (Read, ReadAsync, CopyTo, CopyToAsync) over non-seekable or seekable input, and
    /// the pipeline at P = 1 and 3.
    /// </summary>
    public static readonly string[] Decryptors = ["sequential", "sequential-async", "seekable", "copyto", "copyto-async", "pipeline1", "pipeline3"];

    /// <summary>Decrypts with <paramref name="decryptor"/>; <paramref name="released"/> receives every plaintext byte handed out before any failure.</summary>
    public static byte[] Decrypt(byte[] container, string decryptor, byte[]? key = null, MemoryStream? released = null)
    {
        released ??= new MemoryStream();
        key ??= Key;
        switch (decryptor)
        {
            case "sequential":
            case "seekable":
                Stream input = decryptor == "seekable" ? new MemoryStream(container) : new NonSeekableStream(container, maxReadSize: 5);
                using (var reader = ContainerReadStream.Open(input, key))
                {
                    var buffer = new byte[11];
                    int read;
                    while ((read = reader.Read(buffer)) > 0)
                    {
                        released.Write(buffer, 0, read);
                    }
                }

                break;
            case "copyto":
                using (var reader = ContainerReadStream.Open(new NonSeekableStream(container, maxReadSize: 5), key))
                {
                    reader.CopyTo(released);
                }

                break;
            case "copyto-async":
                CopyAllAsync(new MemoryStream(container), key, released).GetAwaiter().GetResult();
                break;
            case "sequential-async":
                ReadAllAsync(new NonSeekableStream(container, maxReadSize: 5), key, released).GetAwaiter().GetResult();
                break;
            default:
                var parallelism = decryptor == "pipeline3" ? 3 : 1;
                ContainerCipher.DecryptAsync(new NonSeekableStream(container, 13), released, key, parallelism, CancellationToken.None)
                    .GetAwaiter().GetResult();
                break;
        }

        return released.ToArray();
    }

    private static async Task ReadAllAsync(Stream input, byte[] key, MemoryStream released)
    {
        await using var reader = await ContainerReadStream.OpenAsync(input, key, leaveOpen: false, CancellationToken.None);
        var buffer = new byte[11];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            released.Write(buffer, 0, read);
        }
    }

    private static async Task CopyAllAsync(Stream input, byte[] key, MemoryStream released)
    {
        await using var reader = await ContainerReadStream.OpenAsync(input, key, leaveOpen: false, CancellationToken.None);
        reader.Position = 0;
        await reader.CopyToAsync(released);
    }
}

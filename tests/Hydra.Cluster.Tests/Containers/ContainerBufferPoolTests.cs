using System.Buffers;
using System.Security.Cryptography;
using Hydra.Cluster.Containers;
using Hydra.Testing;
using static Hydra.Cluster.Tests.Containers.ContainerTestData;

namespace Hydra.Cluster.Tests.Containers;

/// <summary>The pipeline's segment buffers come from the shared pool: they go back cleared, and reuse never leaks into output.</summary>
public sealed class ContainerBufferPoolTests
{
    private const int Segment = 4096;

    [Fact]
    public async Task Decrypt_BuffersReturnedToThePool_HoldNoPlaintext()
    {
        // Arrange: random plaintext, so any 32 of its bytes found in a pooled buffer can only have come from it.
        var plaintext = RandomNumberGenerator.GetBytes((2 * Segment) + 100);
        var container = Encrypt(plaintext, Segment, writeSize: 1000);
        using var output = new MemoryStream();

        // Act: in-memory streams complete synchronously, so the buffers go back to this thread's pool cache.
        await ContainerCipher.DecryptAsync(new MemoryStream(container), output, Key, 1, CancellationToken.None).DefaultTimeout();
        var rented = Enumerable.Range(0, 4).Select(_ => ArrayPool<byte>.Shared.Rent(Segment + 16)).ToList();

        // Assert
        Assert.Equal(plaintext, output.ToArray());
        foreach (var buffer in rented)
        {
            foreach (var at in new[] { 0, Segment, 2 * Segment })
            {
                Assert.Equal(-1, buffer.AsSpan().IndexOf(plaintext.AsSpan(at, 32)));
            }

            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task DecryptMany_ReusedPooledBuffers_EachOutputIsItsOwnPlaintext(int parallelism)
    {
        // Arrange: a long container, then shorter ones, so reused buffers start dirty from a longer predecessor.
        var plaintexts = new[] { (5 * Segment) + 7, 3 * Segment, Segment - 1, 0, (2 * Segment) + 1 }.Select(RandomNumberGenerator.GetBytes).ToList();
        var containers = plaintexts.Select(p => Encrypt(p, Segment, writeSize: 999)).ToList();

        for (var i = 0; i < containers.Count; i++)
        {
            // Act
            using var output = new MemoryStream();
            await ContainerCipher.DecryptAsync(new MemoryStream(containers[i]), output, Key, parallelism, CancellationToken.None).DefaultTimeout();

            // Assert
            Assert.Equal(plaintexts[i], output.ToArray());
        }
    }
}

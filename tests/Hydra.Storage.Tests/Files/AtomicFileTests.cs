using System.Runtime.InteropServices;
using Hydra.Storage.Files;

namespace Hydra.Storage.Tests.Files;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "hydra-atomic-" + Guid.NewGuid().ToString("N"))).FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Pattern(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 31 + 7))];

    private static AlignedMemoryStream Filled(byte[] content)
    {
        var buffer = new AlignedMemoryStream(AlignedMemoryStream.Alignment);
        buffer.Write(content);
        return buffer;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4095)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(3 * 4096 + 17)]
    [InlineData(2_500_001)]
    public void Write_AlignedContent_LeavesExactlyTheBytes_AtEverySizeAroundTheBlockSize(int length)
    {
        var content = Pattern(length);
        var path = Path.Combine(_folder, "study", "object.hydra");

        var size = AtomicFile.Write(path, Filled(content));

        Assert.Equal(length, size);
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Write_OverALongerFile_ReplacesItWhole()
    {
        var path = Path.Combine(_folder, "object.hydra");
        File.WriteAllBytes(path, Pattern(50_000));
        var content = Pattern(5_000).Reverse().ToArray();

        AtomicFile.Write(path, Filled(content));

        Assert.Equal(content, File.ReadAllBytes(path));
    }

    [Fact]
    public void UncachedWrite_OnTheRootFileSystem_BypassesTheCache()
    {
        Assert.True(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64, "this test is written for Linux x64");
        var content = Pattern(10_000);
        var path = Path.Combine(_folder, "direct.bin");

        Assert.True(UncachedFile.TryWriteDurably(path, Filled(content)), "ext4 accepts O_DIRECT");
        Assert.Equal(content, File.ReadAllBytes(path));
        Assert.Throws<IOException>(() => UncachedFile.TryWriteDurably(path, Filled(content)));
    }

    [Fact]
    public void Write_OnTmpfs_KeepsTheBytes()
    {
        Assert.True(Directory.Exists("/dev/shm"), "/dev/shm (tmpfs) is missing");
        var path = Path.Combine("/dev/shm", "hydra-atomic-" + Guid.NewGuid().ToString("N"), "object.hydra");
        var content = Pattern(70_000);
        try
        {
            Assert.Equal(content.Length, AtomicFile.Write(path, Filled(content)));
            Assert.Equal(content, File.ReadAllBytes(path));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void AlignedMemoryStream_StartsOnABlockBoundary_AndPadsWithZeros_AfterGrowingAndReuse()
    {
        var buffer = new AlignedMemoryStream(AlignedMemoryStream.Alignment);
        buffer.Write(Enumerable.Repeat((byte)0xFF, 9000).ToArray());
        buffer.Reset();
        buffer.Write(Pattern(5000));

        var padded = buffer.Padded();

        unsafe
        {
            fixed (byte* start = padded)
            {
                Assert.Equal(0, (long)start % AlignedMemoryStream.Alignment);
            }
        }

        Assert.Equal(8192, padded.Length);
        Assert.Equal(Pattern(5000), padded[..5000].ToArray());
        Assert.True(padded[5000..].ToArray().All(b => b == 0));
    }
}

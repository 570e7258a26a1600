using Hydra.Storage.Files;
using Hydra.Testing;

namespace Hydra.Storage.Tests.Files;

/// <summary>
/// Under the test process's umask (022, which leaves new files 0644 and folders 0755), what Hydra.Storage creates is
/// 0600 (files) and 0700 (folders): the atomic files, LiteDB's data and log files, and LiteDB's sort spill.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OwnerOnlyTests : IDisposable
{
    private static readonly UnixFileMode World = (UnixFileMode)Convert.ToInt32("644", 8);

    private readonly TempDirectory _folder = new("hydra-owner-only");

    public void Dispose() => _folder.Dispose();

    private static string Mode(string path) => OwnerOnly.Octal(File.GetUnixFileMode(path));

    [Fact]
    public void UmaskOfTheTestProcess_WouldLeaveNewFilesOpenToOthers()
    {
        // The premise of the other tests: a plain new file here is readable by others.
        var plain = _folder.Combine("plain");
        File.WriteAllText(plain, "x");

        Assert.Equal("0644", Mode(plain));
    }

    [Fact]
    public async Task AtomicWrite_UncachedAndBuffered_CreatesFiles0600AndMissingFolders0700()
    {
        // Arrange
        var uncached = _folder.Combine("objects", "study", "image.hydra");
        var buffered = _folder.Combine("out", "series", "image.dcm");
        using var content = new AlignedMemoryStream(AlignedMemoryStream.Alignment);
        content.Write(new byte[10_000]);

        // Act
        AtomicFile.Write(uncached, content);
        await AtomicFile.WriteAsync(buffered, async stream => { await stream.WriteAsync(new byte[100]); return 0; }, CancellationToken.None)
            .DefaultTimeout();

        // Assert
        Assert.Equal("0600", Mode(uncached));
        Assert.Equal("0600", Mode(buffered));
        foreach (var folder in new[] { "objects", "objects/study", "out", "out/series" })
        {
            Assert.Equal("0700", Mode(_folder.Combine(folder)));
        }
    }

    [Fact]
    public async Task AtomicWrite_OverAWorldReadableFile_LeavesIt0600()
    {
        var path = _folder.Combine("image.dcm");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, World);

        await AtomicFile.WriteAsync(path, async stream => { await stream.WriteAsync(new byte[3]); return 0; }, CancellationToken.None).DefaultTimeout();

        Assert.Equal("0600", Mode(path));
    }

    [Fact]
    public void Open_CreateOverAWorldReadableFile_Narrows_ButOpenOrCreateOfAnExistingFileLeavesItsMode()
    {
        // Arrange: a secret written over an old file must not stay readable; a data file is refused at start, not changed.
        var written = _folder.Combine("key.txt");
        var kept = _folder.Combine("store.db");
        foreach (var path in new[] { written, kept })
        {
            File.WriteAllText(path, "old");
            File.SetUnixFileMode(path, World);
        }

        // Act
        using (OwnerOnly.Open(written, FileMode.Create, FileAccess.Write))
        {
        }

        using (OwnerOnly.Open(kept, FileMode.OpenOrCreate, FileAccess.ReadWrite))
        {
        }

        // Assert
        Assert.Equal("0600", Mode(written));
        Assert.Equal("0644", Mode(kept));
    }

    [Fact]
    public void CreateFolder_MakesEveryMissingLevel0700_AndLeavesExistingOnesAlone()
    {
        var existing = _folder.Combine("existing");
        Directory.CreateDirectory(existing);
        File.SetUnixFileMode(existing, (UnixFileMode)Convert.ToInt32("755", 8));

        var created = OwnerOnly.CreateFolder(Path.Combine(existing, "a", "b"));

        Assert.Equal([Path.Combine(existing, "a"), Path.Combine(existing, "a", "b")], created);
        Assert.Equal("0755", Mode(existing));
        Assert.Equal("0700", Mode(Path.Combine(existing, "a")));
        Assert.Equal("0700", Mode(Path.Combine(existing, "a", "b")));
        Assert.Empty(OwnerOnly.CreateFolder(Path.Combine(existing, "a", "b")));
    }
}

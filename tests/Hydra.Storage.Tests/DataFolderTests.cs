using Hydra.Testing;

namespace Hydra.Storage.Tests;

/// <summary>The start-up check of a data folder: one message per thing open to group or others, naming it and the fix.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataFolderTests : IDisposable
{
    private readonly TempDirectory _folder = new("hydra-data-folder");

    public void Dispose() => _folder.Dispose();

    private static UnixFileMode Mode(string octal) => (UnixFileMode)Convert.ToInt32(octal, 8);

    private static List<string> Check(string folder)
    {
        var failures = new List<string>();
        DataFolder.Check("Service:DataDirectory", folder, failures);
        return failures;
    }

    private string Make(string name, UnixFileMode mode, bool folder = false)
    {
        var path = _folder.Combine(name);
        if (folder)
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            File.WriteAllText(path, "x");
        }

        File.SetUnixFileMode(path, mode);
        return path;
    }

    [Fact]
    public void OwnerOnlyFolderAndContents_InA0777Parent_Pass()
    {
        // Arrange: only the folder itself and what is directly in it count, not a shared parent such as /tmp.
        var parent = Make("shared", Mode("777"), folder: true);
        var data = Path.Combine(parent, "data");
        Directory.CreateDirectory(data, Mode("700"));
        File.WriteAllText(Path.Combine(data, "bridge.db"), "x");
        File.SetUnixFileMode(Path.Combine(data, "bridge.db"), Mode("600"));
        Directory.CreateDirectory(Path.Combine(data, "objects"), Mode("700"));

        Assert.Empty(Check(data));
    }

    [Fact]
    public void MissingFolder_Passes_TheServiceCreatesIt()
    {
        Assert.Empty(Check(_folder.Combine("not-yet")));
    }

    [Fact]
    public void FolderOpenToOthers_IsRefusedNamingItsModeAndTheChmod()
    {
        var data = Make("data", Mode("755"), folder: true);

        var failure = Assert.Single(Check(data));

        Assert.Equal($"Service:DataDirectory: data folder '{data}' has mode 0755, open to group or others; it must be 0700: run chmod 700 '{data}'.", failure);
    }

    [Fact]
    public void FilesAndFoldersInsideOpenToGroupOrOthers_AreEachNamed_AndNothingIsChanged()
    {
        // Arrange
        var data = Make("data", Mode("700"), folder: true);
        var catalog = Make("data/bridge.db", Mode("644")); // readable by all
        var log = Make("data/bridge-log.db", Mode("620")); // writable by the group
        var objects = Make("data/objects", Mode("750"), folder: true);
        Make("data/bridge.secret", Mode("400")); // fine

        // Act
        var failures = Check(data);

        // Assert
        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.Contains($"data file '{catalog}' has mode 0644", StringComparison.Ordinal) && f.EndsWith($"run chmod 600 '{catalog}'.", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains($"data file '{log}' has mode 0620", StringComparison.Ordinal) && f.EndsWith($"run chmod 600 '{log}'.", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains($"folder '{objects}' has mode 0750", StringComparison.Ordinal) && f.EndsWith($"run chmod 700 '{objects}'.", StringComparison.Ordinal));
        Assert.Equal(Mode("644"), File.GetUnixFileMode(catalog));
    }

    [Fact]
    public void FolderReachedThroughASymlink_IsJudgedByWhatItPointsAt()
    {
        var real = Make("real", Mode("700"), folder: true);
        var link = _folder.Combine("link");
        Directory.CreateSymbolicLink(link, real);

        Assert.Empty(Check(link));
        File.SetUnixFileMode(real, Mode("755"));
        Assert.Contains("has mode 0755", Assert.Single(Check(link)), StringComparison.Ordinal);
    }
}

using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Options;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;
using Microsoft.Extensions.Options;

namespace Hydra.Keystore.Tests;

/// <summary>
/// A node's shares and audit trail are its own: the node process writes them 0600 in a 0700 folder under the usual
/// umask (022), and refuses to start, naming the path and the <c>chmod</c>, on a data folder or host key that group or
/// others may use, as PostgreSQL and OpenSSH do.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileModeTests : IClassFixture<DevPkiFixture>, IDisposable
{
    private readonly DevPkiFixture _pki;
    private readonly TempDirectory _folder = new("hydra-node-modes");

    public FileModeTests(DevPkiFixture pki) => _pki = pki;

    public void Dispose() => _folder.Dispose();

    private static string Mode(string path) => "0" + Convert.ToString((int)File.GetUnixFileMode(path), 8);

    private static UnixFileMode Octal(string mode) => (UnixFileMode)Convert.ToInt32(mode, 8);

    private void Valid(KeystoreOptions options)
    {
        var host = _pki.Pki.Host("node1");
        options.NodeId = "node1";
        options.ListenAddress = "127.0.0.1";
        options.Port = 0;
        options.DataFile = _folder.Combine("node1", "keystore.db");
        options.HostCertificate = host.CertificatePath;
        options.HostKey = host.KeyPath;
        options.TrustDirectory = _pki.Pki.TrustDirectory;
        options.VomsDirectory = _pki.Pki.VomsDirectory;
    }

    private async Task<string> StartFailureAsync(Action<KeystoreOptions> mistake)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var node = await KeystoreNode.StartAsync([], options =>
            {
                Valid(options);
                mistake(options);
            }, CancellationToken.None).DefaultTimeout();
        });
        return Assert.IsType<OptionsValidationException>(error).Message;
    }

    [Fact]
    public async Task NodeProcessUnderUmask022_WritesItsDataFiles0600_InAFolder0700()
    {
        // Arrange: node2 runs as its own process, on a data folder it has to create.
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        await cluster.StopNodeAsync(1);
        var folder = Path.GetDirectoryName(cluster.DataFile(1))!;
        Directory.Delete(folder, recursive: true);
        var options = new KeystoreOptions();
        cluster.Configure(1, options);
        var keys = Enumerable.Range(0, 20).Select(_ => Keys.NewKey()).ToList();

        // Act: shares and their audit records reach node2's disk.
        using (var child = await ChildNode.StartAsync(options, umask: "022"))
        {
            await cluster.ConnectAs(DevUser.Clinician).RegisterKeysAsync(
                [.. keys.Select(k => new KeyRegistration(k.Id, k.Key, []))], CancellationToken.None).DefaultTimeout();
        }

        // Assert
        Assert.Equal("0700", Mode(folder));
        var files = Directory.GetFileSystemEntries(folder);
        string[] expected = ["keystore-log.db", "keystore-seal.key", "keystore.db"];
        Assert.Equal(expected.Select(name => Path.Combine(folder, name)), files.Order(StringComparer.Ordinal));
        Assert.True(new FileInfo(Path.Combine(folder, "keystore.db")).Length + new FileInfo(Path.Combine(folder, "keystore-log.db")).Length > 0);
        Assert.All(files, file => Assert.True(Mode(file) == "0600", $"{file} is {Mode(file)}"));
    }

    [Fact]
    public async Task Start_DataFolderOthersMayEnter_RefusesNamingThePathAndTheChmod_AndChangesNothing()
    {
        // Arrange: a data folder made by hand under the usual umask.
        var folder = _folder.Combine("node1");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, Octal("755"));

        // Act
        var message = await StartFailureAsync(_ => { });

        // Assert
        Assert.Contains(
            $"Keystore:DataFile: data folder '{folder}' has mode 0755, open to group or others; it must be 0700: run chmod 700 '{folder}'.",
            message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
        Assert.Equal("0755", Mode(folder));
    }

    [Fact]
    public async Task Start_DataFileOthersMayRead_RefusesNamingThePathAndTheChmod()
    {
        // Arrange: a store an older node left 0644 in a folder now closed.
        var folder = _folder.Combine("node1");
        Directory.CreateDirectory(folder, Octal("700"));
        var dataFile = Path.Combine(folder, "keystore.db");
        await File.WriteAllBytesAsync(dataFile, []);
        File.SetUnixFileMode(dataFile, Octal("644"));

        // Act
        var message = await StartFailureAsync(_ => { });

        // Assert
        Assert.Contains($"data file '{dataFile}' has mode 0644", message, StringComparison.Ordinal);
        Assert.Contains($"run chmod 600 '{dataFile}'.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HostKeyOthersMayRead_RefusesNamingThePathAndTheChmod()
    {
        // Arrange: a copy of the node's host key left 0644 by the umask.
        var key = _folder.Combine("hostkey.pem");
        File.Copy(_pki.Pki.Host("node1").KeyPath, key);
        File.SetUnixFileMode(key, Octal("644"));

        // Act
        var message = await StartFailureAsync(options => options.HostKey = key);

        // Assert
        Assert.Contains(
            $"Keystore:HostKey: private key file '{key}' has mode 0644, open to group or others; it must be 0600 or 0400: run chmod 600 '{key}'.",
            message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.Combine("node1")), "a refused configuration must not create the data folder");
    }
}

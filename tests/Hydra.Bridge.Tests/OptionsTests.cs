using Hydra.Bridge.Options;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Hosting;
using Hydra.Keystore.Contract.Channels;
using Hydra.Testing;
using Hydra.Testing.Pki;
using Microsoft.Extensions.Options;

namespace Hydra.Bridge.Tests;

/// <summary>A misconfigured bridge refuses to start and names every mistake, before it listens or touches its data.</summary>
public sealed class OptionsTests : IClassFixture<DevPkiFixture>, IDisposable
{
    private readonly DevPki _pki;
    private readonly TempDirectory _folder = new("hydra-bridge-options");

    public OptionsTests(DevPkiFixture fixture)
    {
        _pki = fixture.Pki;
        new ClusterConfiguration
        {
            Threshold = 2,
            Nodes = [new ClusterNode("node1", "127.0.0.1:1", "node1"), new ClusterNode("node2", "127.0.0.1:2", "node2"), new ClusterNode("node3", "127.0.0.1:3", "node3")],
        }.Save(_folder.Combine("cluster.json"));
    }

    private void Valid(BridgeOptions options)
    {
        var host = _pki.Host("bridge");
        options.DicomPort = 0;
        options.DicomTlsPort = 0;
        options.ReaderPort = 0;
        options.DataDirectory = _folder.Combine("data");
        options.ClusterFile = _folder.Combine("cluster.json");
        options.HostCertificate = host.CertificatePath;
        options.HostKey = host.KeyPath;
        options.TrustDirectory = _pki.TrustDirectory;
        options.VomsDirectory = _pki.VomsDirectory;
        options.DefaultAcl = ["fqan:/hospital/radiology=g"];
    }

    private async Task<Exception> StartFailureAsync(Action<BridgeOptions> mistakes) =>
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var node = await BridgeNode.StartAsync([], options =>
            {
                Valid(options);
                mistakes(options);
            }, CancellationToken.None).DefaultTimeout();
        });

    [Fact]
    public async Task StartAsync_WithSeveralMistakes_NamesEachOne()
    {
        var error = await StartFailureAsync(options =>
        {
            options.AeTitle = "A-TITLE-FAR-TOO-LONG";
            options.ListenAddress = "not-an-address";
            options.DefaultAcl = ["fqan:/hospital/radiology=g", "someone=g"];
            options.Curators = ["nobody"];
            options.MoveDestinations = new() { ["VIEWER"] = "no-port-here" };
            options.Ingest.HandoffRetrySeconds = 0;
            options.Ingest.KeyPoolSize = 0;
            options.Sources = new() { ["CT1"] = new BridgeSourceOptions { BurnedInAnnotation = "Sometimes" } };
        });

        var message = Assert.IsType<OptionsValidationException>(error).Message;
        Assert.Contains("Bridge:AeTitle", message, StringComparison.Ordinal);
        Assert.Contains("Bridge:ListenAddress 'not-an-address'", message, StringComparison.Ordinal);
        Assert.Contains("Bridge:DefaultAcl", message, StringComparison.Ordinal);
        Assert.Contains("Bridge:Curators: 'nobody'", message, StringComparison.Ordinal);
        Assert.Contains("VIEWER", message, StringComparison.Ordinal);
        Assert.Contains("Bridge:Ingest:HandoffRetrySeconds", message, StringComparison.Ordinal);
        Assert.Contains("Bridge:Ingest:KeyPoolSize must be 1-5000", message, StringComparison.Ordinal);
        Assert.Contains("Bridge:Sources:CT1:BurnedInAnnotation: 'Sometimes'", message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.Combine("data")), "a refused configuration must not create the data folder");
    }

    [Fact]
    public async Task StartAsync_WithSenderLimitsOutOfRange_NamesEachOne()
    {
        var error = await StartFailureAsync(options => options.SenderLimits = new BridgeSenderLimitOptions
        {
            ArtimSeconds = 0,
            MaxAssociations = 8,
            MaxAssociationsPerAddress = 9,
            MaxAssociationsPerSender = 0,
            ReservedForKnownSenders = 8,
        });

        var message = Assert.IsType<OptionsValidationException>(error).Message;
        Assert.Contains("Bridge:SenderLimits:ArtimSeconds must be 1-300", message, StringComparison.Ordinal);
        Assert.Contains("Bridge:SenderLimits:MaxAssociationsPerAddress must be 1 to MaxAssociations", message, StringComparison.Ordinal);
        Assert.Contains("Bridge:SenderLimits:MaxAssociationsPerSender must be 1 to MaxAssociations", message, StringComparison.Ordinal);
        Assert.Contains("Bridge:SenderLimits:ReservedForKnownSenders must be 0 to MaxAssociations - 1", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Bridge:SenderLimits:MaxAssociations must", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_WithBadTokenSettings_NamesEachOne()
    {
        var error = await StartFailureAsync(options => options.Tokens = new TokenSettings
        {
            AllowWithoutClientCertificate = true,
        });
        var issuers = await StartFailureAsync(options => options.Tokens = new TokenSettings
        {
            Issuers = [new TokenIssuerSettings { Issuer = "https://iam.example/", Audiences = [], Vos = ["hospital"] }],
        });

        Assert.Contains("Bridge:Tokens:AllowWithoutClientCertificate needs at least one Bridge:Tokens:Issuers entry", Assert.IsType<OptionsValidationException>(error).Message, StringComparison.Ordinal);
        Assert.Contains("Bridge:Tokens:Issuers:0:", Assert.IsType<OptionsValidationException>(issuers).Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.Combine("data")), "a refused configuration must not create the data folder");
    }

    [Fact]
    public async Task StartAsync_WithoutRequiredFiles_NamesTheSettings()
    {
        var error = await StartFailureAsync(options =>
        {
            options.DataDirectory = string.Empty;
            options.ClusterFile = _folder.Combine("missing.json");
            options.HostKey = string.Empty;
        });

        var message = Assert.IsType<OptionsValidationException>(error).Message;
        Assert.Contains("Bridge:DataDirectory is required", message, StringComparison.Ordinal);
        Assert.Contains($"Bridge:ClusterFile: file '{_folder.Combine("missing.json")}' does not exist", message, StringComparison.Ordinal);
        Assert.Contains("Bridge:HostKey is required", message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task StartAsync_WithASecretOthersMayRead_RefusesAndSaysHowToFixIt()
    {
        var secret = _folder.Combine("bridge.secret");
        await File.WriteAllBytesAsync(secret, new byte[32]);
        File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);

        var error = await StartFailureAsync(options => options.SecretFile = secret);

        Assert.Contains("is open to other users", error.Message, StringComparison.Ordinal);
        Assert.Contains("chmod 600", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task StartAsync_DataFolderOthersMayEnter_RefusesNamingThePathAndTheChmod_AndWritesNothing()
    {
        // Arrange: a data folder made by hand under the usual umask.
        var data = _folder.Combine("data");
        Directory.CreateDirectory(data);
        File.SetUnixFileMode(data, (UnixFileMode)Convert.ToInt32("755", 8));

        // Act
        var error = await StartFailureAsync(_ => { });

        // Assert
        var message = Assert.IsType<OptionsValidationException>(error).Message;
        Assert.Contains($"Bridge:DataDirectory: data folder '{data}' has mode 0755, open to group or others; it must be 0700: run chmod 700 '{data}'.", message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(data));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task StartAsync_HostKeyOthersMayRead_RefusesNamingThePathAndTheChmod()
    {
        // Arrange: a copy of the bridge's host key left 0644 by the umask.
        var key = _folder.Combine("hostkey.pem");
        File.Copy(_pki.Host("bridge").KeyPath, key);
        File.SetUnixFileMode(key, (UnixFileMode)Convert.ToInt32("644", 8));

        // Act
        var error = await StartFailureAsync(options => options.HostKey = key);

        // Assert
        var message = Assert.IsType<OptionsValidationException>(error).Message;
        Assert.Contains($"Bridge:HostKey: private key file '{key}' has mode 0644, open to group or others; it must be 0600 or 0400: run chmod 600 '{key}'.", message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder.Combine("data")), "a refused configuration must not create the data folder");
    }

    public void Dispose() => _folder.Dispose();
}

using System.Security.Cryptography;
using System.Text.Json;
using Hydra.CertsDev;
using Hydra.Cli.Tests.Support;
using Hydra.Testing;

namespace Hydra.Cli.Tests.Commands.Cluster;

/// <summary>The hydra command against a real three-node cluster: keys, files, ACLs, status and audit.</summary>
public sealed class ClusterCommandsTests : IClassFixture<CliClusterFixture>
{
    private readonly CliClusterFixture _fixture;

    public ClusterCommandsTests(CliClusterFixture fixture) => _fixture = fixture;

    private Task<CliRun> Hydra(string user, params string[] args) => CliRun.RunAsync([.. _fixture.As(user), .. args]).DefaultTimeout();

    private string ReaderDn => "dn:" + _fixture.Pki.User(DevUser.Reader).SubjectDn;

    [Fact]
    public async Task KeyRegisterThenGet_ReaderWithGrant_GetsTheSameKeyAsTheOwner()
    {
        var register = await Hydra(DevUser.Clinician, "key", "register", "--allow", ReaderDn + "=g");
        var keyId = register.StandardOutput.Trim();

        var owner = await Hydra(DevUser.Clinician, "key", "get", keyId);
        var reader = await Hydra(DevUser.Reader, "key", "get", keyId);
        var stranger = await Hydra(DevUser.Researcher, "key", "get", keyId);

        Assert.Equal(0, register.ExitCode);
        Assert.Equal(0, owner.ExitCode);
        Assert.Matches("^[0-9a-f]{64}$", owner.StandardOutput.Trim());
        Assert.Equal(owner.StandardOutput, reader.StandardOutput);
        Assert.Equal(4, stranger.ExitCode);
        Assert.Empty(stranger.StandardOutput);
        Assert.Single(stranger.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("may not get the share", stranger.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutGetRm_RoundTripsAFile_AndTamperingIsAnIntegrityFailure()
    {
        using var folder = new TempDirectory();
        var original = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        var input = folder.Combine("scan.dcm");
        await File.WriteAllBytesAsync(input, original);
        var store = folder.Combine("store");

        var put = await Hydra(DevUser.Clinician, "--json", "put", input, "--store", store, "--allow", ReaderDn + "=g");
        var keyId = JsonDocument.Parse(put.StandardOutput).RootElement.GetProperty("keyId").GetString()!;
        var get = await Hydra(DevUser.Reader, "get", keyId, folder.Combine("back.dcm"), "--store", store);
        var stored = Directory.GetFiles(store).Single();
        var bytes = await File.ReadAllBytesAsync(stored);
        bytes[^100] ^= 0x40;
        await File.WriteAllBytesAsync(stored, bytes);
        var tampered = await Hydra(DevUser.Reader, "get", keyId, folder.Combine("tampered.dcm"), "--store", store);
        var rm = await Hydra(DevUser.Clinician, "rm", keyId, "--store", store);
        var afterRm = await Hydra(DevUser.Clinician, "key", "get", keyId);

        Assert.Equal(0, put.ExitCode);
        Assert.Equal(0, get.ExitCode);
        Assert.Equal(original, await File.ReadAllBytesAsync(folder.Combine("back.dcm")));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(original.AsSpan(1000, 32)));
        Assert.Equal(3, tampered.ExitCode);
        Assert.False(File.Exists(folder.Combine("tampered.dcm")));
        Assert.Equal(0, rm.ExitCode);
        Assert.Empty(Directory.GetFiles(store));
        Assert.Equal(5, afterRm.ExitCode);
    }

    [Fact]
    public async Task EncryptDecrypt_WithARegisteredKey_AndDecryptFindsTheKeyInTheHeader()
    {
        using var folder = new TempDirectory();
        var original = RandomNumberGenerator.GetBytes(100_000);
        await File.WriteAllBytesAsync(folder.Combine("in"), original);
        var keyId = (await Hydra(DevUser.Clinician, "key", "register")).StandardOutput.Trim();

        var encrypt = await Hydra(DevUser.Clinician, "encrypt", keyId, folder.Combine("in"), folder.Combine("in.hydra"));
        var decrypt = await Hydra(DevUser.Clinician, "decrypt", folder.Combine("in.hydra"), folder.Combine("out"));
        var refused = await Hydra(DevUser.Reader, "decrypt", folder.Combine("in.hydra"), folder.Combine("refused"));

        Assert.Equal(0, encrypt.ExitCode);
        Assert.Equal(0, decrypt.ExitCode);
        Assert.Equal(original, await File.ReadAllBytesAsync(folder.Combine("out")));
        Assert.Equal(4, refused.ExitCode);
        Assert.False(File.Exists(folder.Combine("refused")));
    }

    [Fact]
    public async Task AclCommands_SetChmodGet_AndJson()
    {
        var keyId = (await Hydra(DevUser.Clinician, "key", "register")).StandardOutput.Trim();

        var set = await Hydra(DevUser.Clinician, "acl", "set", keyId, "--allow", "fqan:/hospital/radiology=gr", "--deny", "any=d");
        var chmod = await Hydra(DevUser.Clinician, "acl", "chmod", keyId, ReaderDn, "g");
        var get = await Hydra(DevUser.Clinician, "--json", "acl", "get", keyId);
        var readerCannotWrite = await Hydra(DevUser.Reader, "acl", "set", keyId, "--allow", ReaderDn + "=gdrw");

        Assert.Equal(0, set.ExitCode);
        Assert.Equal(0, chmod.ExitCode);
        var acl = JsonDocument.Parse(get.StandardOutput).RootElement;
        Assert.True(acl.GetProperty("consistent").GetBoolean());
        Assert.Equal(3UL, acl.GetProperty("version").GetUInt64());
        var entries = acl.GetProperty("entries").EnumerateArray()
            .Select(e => $"{(e.GetProperty("deny").GetBoolean() ? "deny" : "allow")} {e.GetProperty("principal").GetString()}={e.GetProperty("permissions").GetString()}")
            .ToList();
        Assert.Equal(["allow fqan:/hospital/radiology=gr", "deny any=d", $"allow {ReaderDn}=g"], entries);
        Assert.Equal(4, readerCannotWrite.ExitCode);
    }

    [Fact]
    public async Task ClusterStatus_ReportsEveryNodeAndWhoYouAre()
    {
        var status = await Hydra(DevUser.Officer, "--json", "cluster", "status");

        Assert.Equal(0, status.ExitCode);
        var root = JsonDocument.Parse(status.StandardOutput).RootElement;
        Assert.Equal(3, root.GetProperty("reachable").GetInt32());
        Assert.True(root.GetProperty("keysReadable").GetBoolean());
        Assert.All(root.GetProperty("nodes").EnumerateArray(), node =>
        {
            Assert.True(node.GetProperty("reachable").GetBoolean());
            Assert.Equal(_fixture.Pki.User(DevUser.Officer).SubjectDn, node.GetProperty("callerSubject").GetString());
            Assert.Contains("auditor", node.GetProperty("callerRoles").EnumerateArray().Select(r => r.GetString()));
        });
    }

    [Fact]
    public async Task Audit_OfficerSeesTheTimeline_OthersAreDenied()
    {
        var keyId = (await Hydra(DevUser.Clinician, "key", "register")).StandardOutput.Trim();
        await Hydra(DevUser.Researcher, "key", "get", keyId);

        var officer = await Hydra(DevUser.Officer, "--json", "audit", "--key-id", keyId);
        var clinician = await Hydra(DevUser.Clinician, "audit");

        Assert.Equal(0, officer.ExitCode);
        var records = JsonDocument.Parse(officer.StandardOutput).RootElement.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(3, records.Count(r => r.GetProperty("operation").GetString() == "RegisterShare"));
        Assert.Equal(3, records.Count(r => r.GetProperty("outcome").GetString() == "denied"
            && r.GetProperty("subject").GetString() == _fixture.Pki.User(DevUser.Researcher).SubjectDn));
        Assert.Equal(4, clinician.ExitCode);
    }

    [Fact]
    public async Task ProxyAlone_IsEnoughForAGridJob()
    {
        var keyId = (await Hydra(DevUser.Clinician, "key", "register", "--allow", "fqan:/hospital/radiology=g")).StandardOutput.Trim();
        var proxy = _fixture.Pki.CreateProxy(new ProxyRequest { User = DevUser.Reader, OutputPath = Path.Combine(_fixture.Cluster.Folder, "x509up_cli") });

        var get = await CliRun.RunAsync([.. _fixture.WithProxy(proxy.Path), "key", "get", keyId]).DefaultTimeout();

        Assert.Equal(0, get.ExitCode);
        Assert.Matches("^[0-9a-f]{64}$", get.StandardOutput.Trim());
    }

    [Fact]
    public async Task MissingClusterFile_IsAUsageErrorNamingTheFile()
    {
        var run = await CliRun.RunAsync(["--cluster", "/nonexistent/cluster.json", "key", "get", "abc"]).DefaultTimeout();

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("/nonexistent/cluster.json", run.StandardError, StringComparison.Ordinal);
    }
}

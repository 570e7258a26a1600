using System.Text.Json;
using Hydra.CertsDev;
using Hydra.Cli.Tests.Support;
using Hydra.Testing;

namespace Hydra.Cli.Tests.Commands.Cluster;

/// <summary>
/// What hydra says when nodes refuse or cannot be trusted, against a real three-node cluster: the node and the reason
/// are named, the cause is said once, and a trust problem is not reported as an outage.
/// </summary>
public sealed class ClusterMessagesTests : IClassFixture<CliClusterFixture>
{
    private readonly CliClusterFixture _fixture;

    public ClusterMessagesTests(CliClusterFixture fixture) => _fixture = fixture;

    private Task<CliRun> Hydra(string user, params string[] args) => CliRun.RunAsync([.. _fixture.As(user), .. args]).DefaultTimeout();

    /// <summary>Hydra as the clinician with a cluster file whose nodes are given the identities in <paramref name="identities"/>.</summary>
    private Task<CliRun> WithIdentities(TempDirectory folder, IReadOnlyDictionary<string, string> identities, params string[] args)
    {
        var configuration = _fixture.Cluster.Configuration();
        var file = folder.Combine("cluster.json");
        (configuration with { Nodes = [.. configuration.Nodes.Select(n => n with { Identity = identities.GetValueOrDefault(n.Id, n.Id) })] }).Save(file);
        var user = _fixture.Pki.User(DevUser.Clinician);
        return CliRun.RunAsync(["--cluster", file, "--cert", user.CertificatePath, "--key", user.KeyPath, "--certdir", _fixture.Pki.TrustDirectory, .. args])
            .DefaultTimeout();
    }

    [Fact]
    public async Task KeyGet_OneNodeWithTheWrongIdentity_NamesItAndWhyInTextAndJson_AndRebuildsFromTheOthers()
    {
        // Arrange: node1's entry expects the identity of node2.
        using var folder = new TempDirectory();
        var keyId = (await Hydra(DevUser.Clinician, "key", "register")).StandardOutput.Trim();
        var expected = (await Hydra(DevUser.Clinician, "key", "get", keyId)).StandardOutput.Trim();
        var wrong = new Dictionary<string, string> { ["node1"] = "node2" };

        // Act
        var text = await WithIdentities(folder, wrong, "key", "get", keyId);
        var json = await WithIdentities(folder, wrong, "--json", "key", "get", keyId);

        // Assert
        Assert.Equal(0, text.ExitCode);
        Assert.Equal(expected, text.StandardOutput.Trim());
        Assert.Contains("node node1: Untrusted: its host certificate was refused:", text.StandardError, StringComparison.Ordinal);
        Assert.Contains("does not name 'node2'", text.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        var root = JsonDocument.Parse(json.StandardOutput).RootElement;
        Assert.Equal(expected, root.GetProperty("key").GetString());
        Assert.Equal(["node2", "node3"], root.GetProperty("usedNodes").EnumerateArray().Select(e => e.GetString()).Order());
        var failed = Assert.Single(root.GetProperty("failed").EnumerateArray());
        Assert.Equal("node1", failed.GetProperty("node").GetString());
        Assert.Equal("Untrusted", failed.GetProperty("status").GetString());
        Assert.Contains("does not name 'node2'", failed.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyGet_TwoNodesWithTheWrongIdentity_ExitsUntrustedNotClusterUnavailable()
    {
        // Arrange: only node3 can be trusted, one share of the two needed.
        using var folder = new TempDirectory();
        var keyId = (await Hydra(DevUser.Clinician, "key", "register")).StandardOutput.Trim();
        var wrong = new Dictionary<string, string> { ["node1"] = "node2", ["node2"] = "node3" };

        // Act
        var run = await WithIdentities(folder, wrong, "--json", "key", "get", keyId);

        // Assert
        Assert.Equal(7, run.ExitCode);
        var root = JsonDocument.Parse(run.StandardOutput).RootElement;
        Assert.Equal(7, root.GetProperty("exitCode").GetInt32());
        Assert.Equal("Untrusted", root.GetProperty("error").GetString());
        var message = root.GetProperty("message").GetString()!;
        Assert.Contains("1 share released, 2 needed", message, StringComparison.Ordinal);
        Assert.Contains("(Untrusted from node1)", message, StringComparison.Ordinal);
        Assert.Contains("(Untrusted from node2)", message, StringComparison.Ordinal);
        Assert.Equal(
            ["node1:Untrusted", "node2:Untrusted"],
            root.GetProperty("failed").EnumerateArray().Select(f => $"{f.GetProperty("node").GetString()}:{f.GetProperty("status").GetString()}").Order());
        Assert.Contains("hydra: error: Key", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyGet_RefusedByEveryNode_SaysTheCauseOnceThenWhereItCameFrom()
    {
        var keyId = (await Hydra(DevUser.Clinician, "key", "register")).StandardOutput.Trim();

        var run = await Hydra(DevUser.Researcher, "key", "get", keyId);

        Assert.Equal(4, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"hydra: error: Key '{keyId}' cannot be rebuilt: no node releases its share to you: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("only 0 of", line, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(line, "may not get the share"));
        Assert.Contains("(PermissionDenied from node1, node2, node3)", line, StringComparison.Ordinal);
        Assert.Contains("ask the key's owner to grant you the get-share permission", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyRegister_RefusedByEveryNode_SaysNothingWasStoredRatherThanRemovedAgain()
    {
        var run = await Hydra(DevUser.Researcher, "key", "register");

        Assert.Equal(4, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("was not registered: no node stored its share:", line, StringComparison.Ordinal);
        Assert.Contains("(PermissionDenied from node1, node2, node3)", line, StringComparison.Ordinal);
        Assert.Contains("Ask the nodes' administrators for the creator role", line, StringComparison.Ordinal);
        Assert.DoesNotContain("removed again", line, StringComparison.Ordinal);
        Assert.DoesNotContain("deleted again", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_KeyIdFilterWithCertAndKey_ListsThatKeysRecords()
    {
        var keyId = (await Hydra(DevUser.Clinician, "key", "register")).StandardOutput.Trim();
        var officer = _fixture.Pki.User(DevUser.Officer);

        var run = await CliRun.RunAsync(
            ["--cluster", _fixture.ClusterFile, "--certdir", _fixture.Pki.TrustDirectory, "--json", "audit",
             "--cert", officer.CertificatePath, "--key", officer.KeyPath, "--key-id", keyId]).DefaultTimeout();

        Assert.Equal(0, run.ExitCode);
        var records = JsonDocument.Parse(run.StandardOutput).RootElement.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(3, records.Count(r => r.GetProperty("operation").GetString() == "RegisterShare"));
        Assert.All(records, r => Assert.Equal(keyId, r.GetProperty("keyId").GetString()));
    }

    [Fact]
    public async Task Audit_OldKeyFilterSpellingAfterThePrivateKey_IsAUsageErrorNamingKeyId()
    {
        var keyId = (await Hydra(DevUser.Clinician, "key", "register")).StandardOutput.Trim();
        var officer = _fixture.Pki.User(DevUser.Officer);

        var run = await CliRun.RunAsync(
            ["--cluster", _fixture.ClusterFile, "--certdir", _fixture.Pki.TrustDirectory, "audit",
             "--cert", officer.CertificatePath, "--key", officer.KeyPath, "--key", keyId]).DefaultTimeout();

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"use --key-id {keyId}", line, StringComparison.Ordinal);
    }

    private static int Occurrences(string text, string value) => (text.Length - text.Replace(value, string.Empty, StringComparison.Ordinal).Length) / value.Length;
}

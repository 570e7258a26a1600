using Hydra.Access;
using Hydra.Bridge.Storage;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Microsoft.Extensions.DependencyInjection;

namespace Hydra.Bridge.Tests.Patients;

/// <summary>At ingest each new key grants the image's patient (by pseudonym) <c>Bridge:Patients:Grant</c>, on the nodes and in the catalog.</summary>
public sealed class PatientGrantTests : IClassFixture<PatientFixture>
{
    private readonly PatientFixture _fixture;

    public PatientGrantTests(PatientFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Storescu_Image_GetsThePatientsGrantInTheCatalogAndOnEveryNode()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-patient");

        // Act
        var entries = await _fixture.StoreStudyAsync(scratch, SampleStudy.Marker + "-GRANT", 2);

        // Assert
        var pseudonym = _fixture.Records.SignIn(SampleStudy.Marker + "-GRANT").Patient;
        var grant = $"patient:{pseudonym.Value}=g";
        foreach (var entry in entries)
        {
            Assert.Equal(pseudonym.Value, entry.PatientPseudonym);
            Assert.Contains(grant, entry.Acl);
            Assert.Contains("fqan:/hospital/radiology=g", entry.Acl);
            var acl = await AclOnEveryNodeAsync(_fixture.Bridge, KeyId.Parse(entry.KeyId));
            Assert.Empty(acl.Divergent);
            Assert.All(acl.PerNode.Values, node => Assert.Contains(AclEntry.ParseRule(grant), node.Entries));
        }
    }

    [Fact]
    public async Task Storescu_GrantEmpty_GivesPatientsNothing()
    {
        // Arrange
        await using var bridge = await TestBridge.StartAsync(_fixture.Pki, _fixture.Cluster, options => options.Patients.Grant = string.Empty);
        using var scratch = new TempDirectory("hydra-patient");
        var study = SampleStudy.Write(scratch.Path, 2, size: 32);

        // Act
        var sent = await bridge.StorescuAsync(study.Files);

        // Assert
        Assert.True(sent.ExitCode == 0, sent.Output);
        var entries = (await bridge.Node.Services.GetRequiredService<IBridgeStore>().CatalogEntriesAsync(CancellationToken.None)).ToList();
        Assert.Equal(2, entries.Count);
        foreach (var entry in entries)
        {
            Assert.DoesNotContain(entry.Acl, rule => rule.StartsWith("patient:", StringComparison.Ordinal));
            var acl = await AclOnEveryNodeAsync(bridge, KeyId.Parse(entry.KeyId));
            Assert.All(acl.PerNode.Values, node => Assert.DoesNotContain(node.Entries, e => e.Principal.Kind == PrincipalKind.Patient));
        }
    }

    [Fact]
    public async Task Storescu_QuarantinedOriginal_GrantsThePatientNothing()
    {
        // Arrange
        using var scratch = new TempDirectory("hydra-patient");
        var study = SampleStudy.Write(scratch.Path, 1, size: 32, recognizableFace: true);
        var quarantine = Path.Combine(_fixture.Bridge.DataDirectory, "objects", "quarantine");
        var before = Directory.Exists(quarantine) ? Directory.GetFiles(quarantine).ToHashSet() : [];

        // Act
        var sent = await _fixture.Bridge.StorescuAsync(study.Files);

        // Assert
        Assert.True(sent.ExitCode == 0, sent.Output);
        var kept = Assert.Single(Directory.GetFiles(quarantine), f => !before.Contains(f));
        var keyId = KeyId.Parse("quarantine:" + Path.GetFileNameWithoutExtension(kept));
        var acl = await AclOnEveryNodeAsync(_fixture.Bridge, keyId);
        Assert.All(acl.PerNode.Values, node => Assert.DoesNotContain(node.Entries, e => e.Principal.Kind == PrincipalKind.Patient));
        Assert.All(acl.PerNode.Values, node => Assert.NotEmpty(node.Entries));
    }

    /// <summary>
    /// The key's ACL as every node holds it. The bridge needs only 2 of 3 nodes to acknowledge a key and hands a missed
    /// share to its node later, so that hand-off is delivered first; a node that still does not answer fails the test
    /// with its reason and what the nodes logged.
    /// </summary>
    private async Task<AclReport> AclOnEveryNodeAsync(TestBridge bridge, KeyId keyId)
    {
        await bridge.Node.DeliverHandoffAsync(CancellationToken.None).DefaultTimeout();
        var acl = await bridge.Node.Cluster.GetAclAsync(keyId, CancellationToken.None).DefaultTimeout();
        Assert.True(
            acl.PerNode.Count == _fixture.Cluster.NodeCount,
            $"Nodes that did not answer: {string.Join("; ", acl.Failed)}. Hand-off still waiting: {await bridge.Node.PendingHandoffCountAsync()}. "
            + $"Node warnings:{Environment.NewLine}{_fixture.Cluster.Warnings}");
        return acl;
    }
}

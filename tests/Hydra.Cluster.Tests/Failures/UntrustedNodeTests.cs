using System.Security.Cryptography;
using Hydra.CertsDev;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Cluster.Tests.Failures;

/// <summary>
/// A node whose host certificate does not name the identity the cluster file gives is named as
/// <see cref="NodeFailureKind.Untrusted"/> with the reason, even when the key is rebuilt from the others.
/// </summary>
public sealed class UntrustedNodeTests : IClassFixture<DevPkiFixture>, IAsyncLifetime
{
    private readonly DevPkiFixture _pki;
    private TestCluster _cluster = null!;

    public UntrustedNodeTests(DevPkiFixture pki) => _pki = pki;

    public async Task InitializeAsync() => _cluster = await TestCluster.StartAsync(_pki.Pki);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    /// <summary>The clinician, with node1's entry expecting <paramref name="node1Identity"/>.</summary>
    private KeystoreCluster ConnectExpecting(string node1Identity)
    {
        var configuration = _cluster.Configuration();
        var clinician = _pki.Pki.User(DevUser.Clinician);
        return _cluster.Connect(
            new TlsCredential([clinician.Certificate], clinician.PrivateKey),
            configuration: configuration with { Nodes = [.. configuration.Nodes.Select(n => n.Id == "node1" ? n with { Identity = node1Identity } : n)] });
    }

    [Fact]
    public async Task GetKey_OneNodeWithTheWrongIdentity_RebuildsFromTheOthersAndNamesItUntrusted()
    {
        // Arrange
        var keyId = KeyId.New();
        var key = RandomNumberGenerator.GetBytes(32);
        using var honest = _cluster.ConnectAs(DevUser.Clinician);
        await honest.RegisterKeyAsync(keyId, key, [], CancellationToken.None).DefaultTimeout();
        using var client = ConnectExpecting("node2");

        // Act
        using var fetched = await client.GetKeyAsync(keyId, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(key, fetched.Key.ToArray());
        Assert.Equal(["node2", "node3"], fetched.UsedNodes.Order(StringComparer.Ordinal));
        var failure = Assert.Single(fetched.Failed);
        Assert.Equal(("node1", NodeFailureKind.Untrusted), (failure.NodeId, failure.Kind));
        Assert.Contains("its host certificate was refused", failure.Message, StringComparison.Ordinal);
        Assert.Contains("does not name 'node2'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_OneNodeWithTheWrongIdentity_IsUntrustedNotDown()
    {
        using var client = ConnectExpecting("node3");

        var status = await client.GetStatusAsync(CancellationToken.None).DefaultTimeout();

        Assert.False(status[0].Reachable);
        Assert.Equal(NodeFailureKind.Untrusted, status[0].Failure!.Kind);
        Assert.Contains("does not name 'node3'", status[0].Failure!.Message, StringComparison.Ordinal);
        Assert.True(status[1].Reachable && status[2].Reachable);
    }
}

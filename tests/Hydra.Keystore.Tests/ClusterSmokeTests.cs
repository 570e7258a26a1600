using System.Security.Cryptography;
using Hydra.CertsDev;
using Hydra.Client;
using Hydra.Client.Cluster;
using Hydra.Keystore.Tests.Support;
using Hydra.Testing;

namespace Hydra.Keystore.Tests;

public sealed class ClusterSmokeTests : IClassFixture<PkiFixture>
{
    private readonly PkiFixture _pki;

    public ClusterSmokeTests(PkiFixture pki) => _pki = pki;

    [Fact]
    public async Task RegisterThenGet_Owner_RebuildsSameKey()
    {
        // Arrange
        await using var cluster = await TestCluster.StartAsync(_pki.Pki);
        var clinician = cluster.ConnectAs(DevUser.Clinician);
        var keyId = KeyId.New();
        var key = RandomNumberGenerator.GetBytes(32);

        // Act
        var report = await clinician.RegisterKeyAsync(keyId, key, [], CancellationToken.None).DefaultTimeout();
        using var fetched = await clinician.GetKeyAsync(keyId, CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.True(report.Complete);
        Assert.Equal(3, report.StoredOn.Count);
        Assert.Equal(key, fetched.Key.ToArray());
        Assert.Equal(2, fetched.UsedNodes.Count);
    }
}

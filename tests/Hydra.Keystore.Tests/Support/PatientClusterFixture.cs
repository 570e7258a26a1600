using Hydra.CertsDev;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Keystore.Tests.Support;

/// <summary>
/// A cluster where the bridge is a delegate for readers and patients (as in every test cluster) and node3's host
/// certificate acts for readers only: the service a site trusts with readers but not with patients.
/// </summary>
public sealed class PatientClusterFixture : IAsyncLifetime
{
    /// <summary>The host holding only the reader-delegate role.</summary>
    public const string ReaderDelegate = "node3";

    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var readerDelegate = "dn:" + Pki.Host(ReaderDelegate).SubjectDn;
        Cluster = await TestCluster.StartAsync(Pki, configure: options => options.Roles.Delegates = [.. options.Roles.Delegates, readerDelegate]);
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        PkiFixture.Dispose();
    }
}

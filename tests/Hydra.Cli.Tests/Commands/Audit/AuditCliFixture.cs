using System.Numerics;
using System.Security.Cryptography;
using Hydra.Access;
using Hydra.CertsDev;
using Hydra.Cli.Tests.Support;
using Hydra.Cluster;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Cli.Tests.Commands.Audit;

/// <summary>
/// A running three-node cluster for <c>hydra audit</c>: checkpoints only when a test seals (the timer is an hour), and
/// a cluster file that names each node's own host identity, as an officer's would.
/// </summary>
public sealed class AuditCliFixture : IAsyncLifetime
{
    public DevPkiFixture PkiFixture { get; } = new();

    public DevPki Pki => PkiFixture.Pki;

    public TestCluster Cluster { get; private set; } = null!;

    public string ClusterFile { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.StartAsync(Pki, configure: options => options.Audit.CheckpointIntervalSeconds = 3600);
        ClusterFile = Path.Combine(Cluster.Folder, "cluster.json");
        var configuration = Cluster.Configuration();
        (configuration with { Nodes = [.. configuration.Nodes.Select(n => n with { Identity = n.Id })] }).Save(ClusterFile);
    }

    public string Dn(string user) => Pki.User(user).SubjectDn;

    /// <summary>Runs <c>hydra</c> as <paramref name="user"/> with its end-entity certificate.</summary>
    public Task<CliRun> HydraAsync(string user, params string[] args) =>
        CliRun.RunAsync(
        [
            "--cluster", ClusterFile, "--cert", Pki.User(user).CertificatePath, "--key", Pki.User(user).KeyPath,
            "--certdir", Pki.TrustDirectory, .. args,
        ]).DefaultTimeout();

    /// <summary>The library client as <paramref name="user"/>, to make history quickly.</summary>
    public KeystoreCluster ConnectAs(string user) =>
        Cluster.Connect(new TlsCredential([Pki.User(user).Certificate], Pki.User(user).PrivateKey));

    /// <summary>Registers one key per image of a new study (bridge-style ids); <paramref name="readers"/> may get them.</summary>
    public async Task<List<string>> RegisterStudyAsync(int images, params string[] readers)
    {
        var study = NewUid();
        var acl = readers.Select(user => AclEntry.For("dn:" + Dn(user), KeyPermissions.GetShare)).ToList();
        var keys = Enumerable.Range(0, images)
            .Select(_ => new KeyRegistration(KeyId.Parse($"{study}:{NewUid()}"), RandomNumberGenerator.GetBytes(32), acl)).ToList();
        await ConnectAs(DevUser.Clinician).RegisterKeysAsync(keys, CancellationToken.None).DefaultTimeout();
        return [.. keys.Select(k => k.KeyId.Value)];
    }

    public async Task FetchAsync(string user, string keyId)
    {
        using (await ConnectAs(user).GetKeyAsync(KeyId.Parse(keyId), CancellationToken.None).DefaultTimeout())
        {
        }
    }

    public Task SealAllAsync() =>
        Task.WhenAll(Enumerable.Range(0, Cluster.NodeCount).Select(i => Cluster.Node(i).SealAuditTrailAsync(CancellationToken.None))).DefaultTimeout();

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        PkiFixture.Dispose();
    }

    private static string NewUid() =>
        "2.25." + new BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

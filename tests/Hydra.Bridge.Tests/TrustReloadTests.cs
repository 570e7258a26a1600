using System.Globalization;
using Hydra.Audit;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Client.Bridge;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Pki;

namespace Hydra.Bridge.Tests;

/// <summary>
/// One trust store behind every TLS endpoint: a new CRL dropped into the trust directory while the nodes and the bridge
/// run refuses the revoked reader at each node, at the bridge's grid HTTPS endpoint and at its DICOM TLS port, and
/// refuses the revoked node in the checkpoint exchange both ways and at the bridge, without a restart and on the
/// connections already open. The class owns its PKI: revocation cannot be undone.
/// </summary>
public sealed class TrustReloadTests : IAsyncLifetime
{
    /// <summary>The trust folders are reread at least this often (changes are also watched).</summary>
    private const double ReloadSeconds = 2;

    private readonly DevPkiFixture _pki = new();
    private TestCluster _cluster = null!;
    private TestBridge _bridge = null!;

    private DevPki Pki => _pki.Pki;

    public async Task InitializeAsync()
    {
        _cluster = await TestCluster.StartAsync(Pki, configure: options =>
        {
            options.TrustReloadSeconds = ReloadSeconds;
            options.Audit.CheckpointIntervalSeconds = 3600;
        });
        _bridge = await TestBridge.StartAsync(Pki, _cluster, options => options.TrustReloadSeconds = ReloadSeconds);
    }

    public async Task DisposeAsync()
    {
        await _bridge.DisposeAsync();
        await _cluster.DisposeAsync();
        _pki.Dispose();
    }

    [Fact]
    public async Task NewCrl_RevokedReaderAndNode_AreRefusedAtEveryEndpoint_WithoutARestart()
    {
        // Arrange: an ingested image the reader may read, and connections the reader and the nodes already use.
        using var scratch = new TempDirectory("hydra-crl");
        var study = SampleStudy.Write(Path.Combine(scratch.Path, "sent"), 1, size: 64);
        var sent = await _bridge.StorescuAsync(study.Files);
        Assert.True(sent.ExitCode == 0, sent.Output);
        var reader = GridReader.CertificateOf(Pki, DevUser.Reader);
        var readerNodes = _cluster.Connect(reader);
        var readerBridge = _bridge.ConnectReader(reader);
        var image = Assert.Single(await readerBridge.ListImagesAsync(null, CancellationToken.None).DefaultTimeout());
        using (await readerNodes.GetKeyAsync(KeyId.Parse(image.KeyId), CancellationToken.None).DefaultTimeout())
        {
        }

        var found = await FindAsync(image.StudyInstanceUid);
        Assert.Contains("(Pending)", found.Output, StringComparison.Ordinal);
        await SealAllAsync();
        var officer = _cluster.ConnectAs(DevUser.Officer);
        var node1Before = await officer.GetCheckpointsAsync("node3", "node1", 0, CancellationToken.None).DefaultTimeout();
        Assert.NotEmpty(node1Before);

        // Act: the CA revokes the reader and node3's host certificate, as fetch-crl would deliver it.
        Pki.Revoke(Pki.User(DevUser.Reader), Pki.Host("node3"));

        // Assert: every endpoint refuses within a few reload intervals, on the connections opened before.
        var refusal = await EventuallyAsync(async () =>
        {
            var error = await Assert.ThrowsAsync<ClusterException>(() => readerNodes.GetKeyAsync(KeyId.Parse(image.KeyId), CancellationToken.None));
            Assert.All(error.Failures, f => Assert.Equal(NodeFailureKind.Unauthenticated, f.Kind));
            Assert.Equal(3, error.Failures.Count);
            return error;
        });
        Assert.Contains("revoked", refusal.Message, StringComparison.OrdinalIgnoreCase);

        var httpRefusal = await EventuallyAsync(() => Assert.ThrowsAsync<BridgeException>(() => readerBridge.ListImagesAsync(null, CancellationToken.None)));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, httpRefusal.Status);
        Assert.Contains("revoked", httpRefusal.Message, StringComparison.OrdinalIgnoreCase);

        var dicomRefusal = await EventuallyAsync(async () =>
        {
            var result = await FindAsync(image.StudyInstanceUid);
            Assert.DoesNotContain("(Pending)", result.Output, StringComparison.Ordinal);
            return result;
        });
        Assert.Contains("Final Find Response (Unknown Status: 0x124)", dicomRefusal.Output, StringComparison.Ordinal); // 0124: not authorized

        // The bridge no longer talks to node3 on the connection it had; the other nodes still serve it.
        var statuses = await EventuallyAsync(async () =>
        {
            var status = await _bridge.Node.Cluster.GetStatusAsync(CancellationToken.None).DefaultTimeout();
            Assert.False(status[2].Reachable);
            return status;
        });
        Assert.Contains("no longer trusted", statuses[2].Failure!.Message, StringComparison.Ordinal);
        Assert.True(statuses[0].Reachable && statuses[1].Reachable);

        // Checkpoint exchange, both ways: node1 hands nothing more to node3, and refuses (and audits) node3's.
        await _cluster.Node(0).SealAuditTrailAsync(CancellationToken.None).DefaultTimeout();
        await _cluster.Node(2).SealAuditTrailAsync(CancellationToken.None).DefaultTimeout();
        var node1After = await officer.GetCheckpointsAsync("node3", "node1", 0, CancellationToken.None).DefaultTimeout();
        var node1Own = await officer.GetCheckpointsAsync("node1", "node1", 0, CancellationToken.None).DefaultTimeout();
        Assert.Equal(node1Before.Count, node1After.Count);
        Assert.True(node1Own.Count > node1Before.Count);
        var trail = await ReadTrailAsync(officer, "node1");
        Assert.Contains(trail, e => e.Operation == "WitnessCheckpoint" && e.Outcome == AuditEntry.Denied
            && e.Subject == Pki.Host("node3").SubjectDn && e.Reason.Contains("revoked", StringComparison.OrdinalIgnoreCase));
    }

    private async Task SealAllAsync()
    {
        for (var i = 0; i < _cluster.NodeCount; i++)
        {
            await _cluster.Node(i).SealAuditTrailAsync(CancellationToken.None).DefaultTimeout();
        }
    }

    private Task<ProcessResult> FindAsync(string study)
    {
        var credential = Pki.User(DevUser.Reader);
        return Dcmtk.RunAsync("findscu", [
            "-v", "-S", "+tls", credential.KeyPath, credential.CertificatePath, "+cf", Pki.CaCertificatePath,
            "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study, "-aet", "VIEWER", "-aec", "HYDRA",
            "127.0.0.1", _bridge.Node.DicomTlsPort.ToString(CultureInfo.InvariantCulture)]);
    }

    private static async Task<List<AuditEntry>> ReadTrailAsync(KeystoreCluster officer, string node)
    {
        var trail = new List<AuditEntry>();
        await foreach (var entry in officer.QueryAuditAsync(node, new AuditQueryOptions(), CancellationToken.None))
        {
            trail.Add(entry);
        }

        return trail;
    }

    /// <summary>Retries <paramref name="check"/> until it passes or 5 reload intervals have gone by, then fails with its last error.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> check)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5 * ReloadSeconds);
        while (true)
        {
            try
            {
                return await check().DefaultTimeout();
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }
}

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hydra.Access;
using Hydra.Bridge.Handoff;
using Hydra.Bridge.Storage;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Channels;
using Hydra.Sharing;
using Hydra.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.Security;

namespace Hydra.Bridge.Tests.Ingest;

/// <summary>Shares a node missed, sealed to its certificate and queued in a real bridge database.</summary>
public sealed class HandoffQueueTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private static readonly KeyId KeyId = KeyId.Parse("ingest:handoff");
    private static readonly AclEntry Reader = AclEntry.For("dn:/CN=Reader", KeyPermissions.GetShare);
    private readonly TempDirectory _folder = new("hydra-handoff");
    private readonly RSA _nodeKey = RSA.Create(2048);
    private readonly Org.BouncyCastle.X509.X509Certificate _nodeCertificate;
    private readonly IReadOnlyList<ShareEnvelope> _shares = KeySplitter.Split(KeyId, RandomNumberGenerator.GetBytes(32), 3, 2);

    public HandoffQueueTests()
    {
        var request = new CertificateRequest("CN=node3", _nodeKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(Now.AddDays(-1), Now.AddDays(1));
        _nodeCertificate = new Org.BouncyCastle.X509.X509Certificate(certificate.RawData);
    }

    [Fact]
    public async Task ShareANodeMissed_IsSealedToItsCertificateSeenInTheBatch_AndQueuedDurably()
    {
        // Arrange: node3's certificate was seen in this batch's handshake, not saved yet.
        var path = _folder.Combine("bridge.db");
        using (var database = new BridgeDatabase(path))
        using (var store = new LiteDbBridgeStore(database, NullLogger.Instance))
        {
            var certificates = new NodeCertificates(store);
            certificates.Seen("node3", _nodeCertificate);

            // Act
            await Queue(store, certificates).QueueUndeliveredAsync([Registration()], [Registered(missedBy: ["node3"])], CancellationToken.None)
                .DefaultTimeout();
        }

        // Assert: after reopening, the entry opens only with node3's key, to the very share node3 missed.
        using var reopened = new BridgeDatabase(path);
        using var readBack = new LiteDbBridgeStore(reopened, NullLogger.Instance);
        var entry = Assert.Single((await readBack.PendingHandoffAsync("node3", 10, CancellationToken.None)));
        Assert.Equal(KeyId.Value, entry.KeyId);
        Assert.Equal([Reader.ToRule()], entry.Acl);
        Assert.Equal(Now, entry.Queued);
        Assert.Equal(_nodeCertificate.GetEncoded(), (await readBack.NodeCertificateAsync("node3", CancellationToken.None)));
        var opened = SealedEnvelopes.Open(entry.SealedEnvelope, _nodeCertificate, DotNetUtilities.GetRsaKeyPair(_nodeKey).Private);
        Assert.Equal(_shares[2].ToBytes(), opened);
    }

    [Fact]
    public async Task NodeWhoseCertificateWasNeverSeen_ItsShareIsLeftOut_OthersAreQueued()
    {
        using var database = new BridgeDatabase(_folder.Combine("bridge.db"));
        using var store = new LiteDbBridgeStore(database, NullLogger.Instance);
        var certificates = new NodeCertificates(store);
        certificates.Seen("node3", _nodeCertificate);

        await Queue(store, certificates).QueueUndeliveredAsync([Registration()], [Registered(missedBy: ["node2", "node3"])], CancellationToken.None)
            .DefaultTimeout();

        Assert.Empty((await store.PendingHandoffAsync("node2", 10, CancellationToken.None)));
        Assert.Single((await store.PendingHandoffAsync("node3", 10, CancellationToken.None)));
    }

    [Fact]
    public async Task EveryShareDelivered_NothingIsWritten()
    {
        using var database = new BridgeDatabase(_folder.Combine("bridge.db"));
        using var store = new LiteDbBridgeStore(database, NullLogger.Instance);
        var certificates = new NodeCertificates(store);
        certificates.Seen("node3", _nodeCertificate);

        await Queue(store, certificates).QueueUndeliveredAsync([Registration()], [Registered(missedBy: [])], CancellationToken.None)
            .DefaultTimeout();

        Assert.Equal(0, (await store.PendingHandoffCountAsync(CancellationToken.None)));
        Assert.Null((await store.NodeCertificateAsync("node3", CancellationToken.None)));
    }

    public void Dispose()
    {
        _nodeKey.Dispose();
        _folder.Dispose();
    }

    private static HandoffQueue Queue(IBridgeStore store, NodeCertificates certificates) =>
        new(store, certificates, new FakeTimeProvider(Now), NullLogger<HandoffQueue>.Instance);

    private static KeyRegistration Registration() => new(KeyId, new byte[32], [Reader]);

    private KeyRegistrationResult Registered(IReadOnlyList<string> missedBy)
    {
        IReadOnlyList<UndeliveredShare> undelivered =
            [.. missedBy.Select(node => new UndeliveredShare(new ClusterNode(node, "127.0.0.1:1"), _shares[node[^1] - '1']))];
        return new KeyRegistrationResult(KeyId, new RegistrationReport(KeyId, ["node1"], [], undelivered), null);
    }
}

using System.Security.Cryptography;
using System.Text;
using Hydra.Access;
using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Hosting;
using Hydra.Keystore.Auditing;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Options;
using Hydra.Keystore.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hydra.Keystore.Tests.Auditing;

/// <summary>
/// node1 witnessing its peers' checkpoints: only a configured peer's, handed over and signed by that peer's own host
/// certificate; a second trail at one sequence is kept beside the first as evidence and reported as inconsistent.
/// </summary>
[Collection(UnitPki.Collection)]
public sealed class CheckpointWitnessTests : IDisposable
{
    private const string PeerAddress = "127.0.0.1:50002";

    private readonly DevPki _pki;
    private readonly FakeTimeProvider _clock = NodeStore.NewClock();
    private readonly TrustMaterial _trust;
    private readonly NodeStore _node;
    private readonly CheckpointWitness _witness;

    public CheckpointWitnessTests(UnitPki fixture)
    {
        _pki = fixture.Pki;
        _trust = new TrustMaterial(new TrustSettings(_pki.TrustDirectory, string.Empty, []), _clock, NullLogger.Instance);
        _node = new NodeStore(_clock);
        var options = new KeystoreOptions
        {
            NodeId = "node1",
            Peers =
            [
                new KeystorePeerOptions { Id = "node2", Endpoint = "127.0.0.1:1", Identity = "node2" },
                new KeystorePeerOptions { Id = "node3", Endpoint = "127.0.0.1:2", Identity = "node3" },
            ],
        };
        _witness = new CheckpointWitness(options, _trust, NullLogger<CheckpointWitness>.Instance);
    }

    /// <summary>A host as node1 authenticates it on a connection (with its validated certificate).</summary>
    private CallerIdentity HostCaller(string host) =>
        new CredentialAuthenticator(_trust).Authenticate([_pki.Host(host).Certificate], PeerAddress, _clock.GetUtcNow());

    private static TlsCredential CredentialOf(DevCredential credential) => new([credential.Certificate], credential.PrivateKey);

    private static ReadOnlyMemory<byte> TrailHash(string trail) => SHA256.HashData(Encoding.UTF8.GetBytes(trail));

    private SignedCheckpoint Checkpoint(string nodeId, long sequence, string trail, DevCredential signer) =>
        AuditCheckpoints.Sign(nodeId, sequence, TrailHash(trail), _clock.GetUtcNow(), CredentialOf(signer));

    private SignedCheckpoint PeerCheckpoint(string peer, long sequence, string trail = "trail") =>
        Checkpoint(peer, sequence, trail, _pki.Host(peer));

    private Task<bool> WitnessAsync(CallerIdentity caller, SignedCheckpoint checkpoint) =>
        _node.RunAsync(t => _witness.Witness(t, caller, checkpoint));

    private static Task<KeystoreException> RefusedAsync(Func<Task> action) => Assert.ThrowsAsync<KeystoreException>(action);

    private List<SignedCheckpoint> Held(string nodeId) => [.. _node.Store.ReadCheckpoints(nodeId, 0)];

    [Fact]
    public async Task PeersCheckpoint_FromItsOwnHostCertificate_IsKeptAndConsistent()
    {
        var checkpoint = PeerCheckpoint("node2", 5);

        var consistent = await WitnessAsync(HostCaller("node2"), checkpoint);

        Assert.True(consistent);
        var held = Assert.Single(Held("node2"));
        Assert.Equal(5, held.Sequence);
        Assert.Equal(checkpoint.Hash.ToArray(), held.Hash.ToArray());
        Assert.Equal(checkpoint.Signature.ToArray(), held.Signature.ToArray());
        Assert.Null(AuditCheckpoints.Check(held, _trust.ChainValidator));
    }

    [Theory]
    [InlineData("bridge")]
    [InlineData("node1")]
    public async Task CheckpointOfANodeThatIsNotAPeer_IsDenied(string host)
    {
        var error = await RefusedAsync(() => WitnessAsync(HostCaller(host), PeerCheckpoint(host, 5)));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Contains($"'{host}' is not a peer", error.Message, StringComparison.Ordinal);
        Assert.Empty(Held(host));
    }

    [Fact]
    public async Task PeersCheckpoint_HandedOverByAnotherPeer_IsDenied()
    {
        var error = await RefusedAsync(() => WitnessAsync(HostCaller("node3"), PeerCheckpoint("node2", 5)));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Contains("only that node's host certificate may", error.Message, StringComparison.Ordinal);
        Assert.Empty(Held("node2"));
    }

    [Fact]
    public async Task PeersCheckpoint_HandedOverByAUserOrAnUnvalidatedCaller_IsDenied()
    {
        var clinician = _pki.User(DevUser.Clinician);
        var user = Callers.Of(clinician.SubjectDn) with { Certificate = clinician.Certificate };
        var checkpoint = PeerCheckpoint("node2", 5);

        var byUser = await RefusedAsync(() => WitnessAsync(user, checkpoint));
        var withoutCertificate = await RefusedAsync(() => WitnessAsync(HostCaller("node2") with { Certificate = null }, checkpoint));

        Assert.Equal(KeystoreError.PermissionDenied, byUser.Error);
        Assert.Equal(KeystoreError.PermissionDenied, withoutCertificate.Error);
        Assert.Empty(Held("node2"));
    }

    [Fact]
    public async Task AlteredCheckpoint_IsRefusedForItsSignature()
    {
        var signed = PeerCheckpoint("node2", 5);
        var altered = signed with { Hash = TrailHash("rewritten trail") };

        var error = await RefusedAsync(() => WitnessAsync(HostCaller("node2"), altered));

        Assert.Equal(KeystoreError.InvalidArgument, error.Error);
        Assert.Contains("signature does not verify", error.Message, StringComparison.Ordinal);
        Assert.Empty(Held("node2"));
    }

    [Fact]
    public async Task CheckpointSignedByAnUntrustedCa_IsRefused()
    {
        // Signed and handed over with the same certificate, but one no trusted CA issued.
        var rogue = _pki.RogueCa;
        var caller = Callers.Of(rogue.SubjectDn) with { Certificate = rogue.Certificate };

        var error = await RefusedAsync(() => WitnessAsync(caller, Checkpoint("node2", 5, "trail", rogue)));

        Assert.Equal(KeystoreError.InvalidArgument, error.Error);
        Assert.Contains("not trusted", error.Message, StringComparison.Ordinal);
        Assert.Empty(Held("node2"));
    }

    [Fact]
    public async Task CheckpointSignedByAnotherPeerInThisPeersName_IsRefused()
    {
        // node3 signs and hands over a checkpoint that claims to be node2's: its certificate does not name node2.
        var forged = Checkpoint("node2", 5, "trail", _pki.Host("node3"));

        var error = await RefusedAsync(() => WitnessAsync(HostCaller("node3"), forged));

        Assert.Equal(KeystoreError.InvalidArgument, error.Error);
        Assert.Contains("which is not node 'node2'", error.Message, StringComparison.Ordinal);
        Assert.Empty(Held("node2"));
    }

    [Fact]
    public async Task SecondTrailAtOneSequence_IsKeptBesideTheFirst_AndReportedInconsistent()
    {
        var first = PeerCheckpoint("node2", 5, "trail");
        var second = PeerCheckpoint("node2", 5, "rewritten trail");
        await WitnessAsync(HostCaller("node2"), first);

        var consistent = await WitnessAsync(HostCaller("node2"), second);

        Assert.False(consistent);
        // The first statement stays the one witnessed at that sequence; the second is kept as evidence beside it.
        var atSequence = await _node.RunAsync(t => t.FindCheckpoint("node2", 5));
        Assert.Equal(first.Hash.ToArray(), atSequence!.Hash.ToArray());
        var held = Held("node2");
        Assert.Equal(2, held.Count);
        Assert.All(held, c => Assert.Equal(5, c.Sequence));
        Assert.Contains(held, c => c.Hash.Span.SequenceEqual(second.Hash.Span));
        Assert.All(held, c => Assert.Null(AuditCheckpoints.Check(c, _trust.ChainValidator)));
    }

    [Fact]
    public async Task AfterAnEquivocation_LaterCheckpointsAreStillWitnessed()
    {
        await WitnessAsync(HostCaller("node2"), PeerCheckpoint("node2", 5, "trail"));
        await WitnessAsync(HostCaller("node2"), PeerCheckpoint("node2", 5, "rewritten trail"));

        var later = await WitnessAsync(HostCaller("node2"), PeerCheckpoint("node2", 9, "longer trail"));

        Assert.True(later);
        Assert.Equal([5L, 5L, 9L], Held("node2").Select(c => c.Sequence));
    }

    [Fact]
    public async Task IdenticalRepeat_IsConsistent_AndKeptOnce()
    {
        var checkpoint = PeerCheckpoint("node2", 5);
        await WitnessAsync(HostCaller("node2"), checkpoint);

        var again = await WitnessAsync(HostCaller("node2"), checkpoint);

        Assert.True(again);
        Assert.Single(Held("node2"));
    }

    [Fact]
    public async Task SameTrailSignedAgainLater_IsConsistent()
    {
        await WitnessAsync(HostCaller("node2"), PeerCheckpoint("node2", 5));
        _clock.Advance(TimeSpan.FromMinutes(5));

        var again = await WitnessAsync(HostCaller("node2"), PeerCheckpoint("node2", 5));

        Assert.True(again);
        Assert.Single(Held("node2"));
    }

    [Fact]
    public async Task ForgedSecondTrail_IsRefused_AndNotTakenAsEvidenceAgainstThePeer()
    {
        var first = PeerCheckpoint("node2", 5, "trail");
        await WitnessAsync(HostCaller("node2"), first);
        var forged = first with { Hash = TrailHash("rewritten trail") };

        var error = await RefusedAsync(() => WitnessAsync(HostCaller("node2"), forged));

        Assert.Equal(KeystoreError.InvalidArgument, error.Error);
        Assert.Equal(first.Hash.ToArray(), Assert.Single(Held("node2")).Hash.ToArray());
    }

    public void Dispose()
    {
        _node.Dispose();
        _trust.Dispose();
    }
}

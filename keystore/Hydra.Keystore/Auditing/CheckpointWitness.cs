using Hydra.Access;
using Hydra.Audit;
using Hydra.Grid;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Options;
using Hydra.Keystore.Storage;

namespace Hydra.Keystore.Auditing;

/// <summary>
/// Accepts peers' checkpoints: only from the peer's own host certificate, only with a valid signature by it, and
/// keeping both statements when a peer ever presents two different trails at one sequence (equivocation).
/// </summary>
internal sealed class CheckpointWitness
{
    private readonly KeystoreOptions _options;
    private readonly TrustMaterial _trust;
    private readonly ILogger _logger;

    public CheckpointWitness(KeystoreOptions options, TrustMaterial trust, ILogger<CheckpointWitness> logger)
    {
        _options = options;
        _trust = trust;
        _logger = logger;
    }

    /// <summary>Validates and stores <paramref name="checkpoint"/>; false when it contradicts one witnessed before.</summary>
    public bool Witness(StoreTransaction transaction, CallerIdentity caller, SignedCheckpoint checkpoint)
    {
        var peer = _options.Peers.FirstOrDefault(p => p.Id == checkpoint.NodeId)
            ?? throw Denied($"'{checkpoint.NodeId}' is not a peer of this node; only peers' checkpoints are witnessed.");
        if (caller.Certificate is null || checkpoint.Certificates.Count == 0
            || !caller.Certificate.GetEncoded().AsSpan().SequenceEqual(checkpoint.Certificates[0].GetEncoded()))
        {
            throw Denied($"{caller.SubjectText} may not hand over checkpoints of '{checkpoint.NodeId}': only that node's host certificate may.");
        }

        var problem = AuditCheckpoints.Check(checkpoint, _trust.ChainValidator,
            identity => HostCertificateValidator.MatchesIdentity(identity.EndEntityCertificate, identity.Subject, peer.Identity));
        if (problem is not null)
        {
            throw new KeystoreException(KeystoreError.InvalidArgument, $"Checkpoint {checkpoint.Sequence} of '{checkpoint.NodeId}' is refused: {problem}");
        }

        var existing = transaction.FindCheckpoint(checkpoint.NodeId, checkpoint.Sequence);
        if (existing is not null && !existing.Hash.Span.SequenceEqual(checkpoint.Hash.Span))
        {
            KeystoreLog.EquivocationDetected(_logger, checkpoint.NodeId, checkpoint.Sequence);
            transaction.PutConflictingCheckpoint(checkpoint);
            return false;
        }

        transaction.PutCheckpoint(checkpoint);
        return true;
    }

    private static KeystoreException Denied(string message) => new(KeystoreError.PermissionDenied, message);
}

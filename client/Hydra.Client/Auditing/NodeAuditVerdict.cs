using Hydra.Audit;
using Hydra.Cluster;

namespace Hydra.Client.Auditing;

/// <summary>What verification found about one node's trail.</summary>
/// <param name="NodeId">The node.</param>
/// <param name="Endpoint">Where it was read from.</param>
/// <param name="State">Verified, failed or unreadable.</param>
/// <param name="Summary">One sentence for people.</param>
/// <param name="FirstSequence">The first record checked (1, or the witnessed checkpoint reading started at).</param>
/// <param name="LastSequence">The last record read.</param>
/// <param name="RecordCount">Records read.</param>
/// <param name="HeadHash">Hex SHA-256 of the last record read, or null.</param>
/// <param name="AnnouncedLength">The trail length the node announced before it was read (0 when unknown).</param>
/// <param name="AnnouncedHead">The head hash it announced (hex), or null.</param>
/// <param name="ValidCheckpoints">Validly signed checkpoint statements found about this node.</param>
/// <param name="NewestWitnessedCheckpoint">The newest of them a peer holds (0 when none): records up to it cannot be rewritten unseen.</param>
/// <param name="Witnesses">The peers holding copies of its checkpoints.</param>
/// <param name="Problems">Every integrity failure, by sequence.</param>
/// <param name="Notes">Remarks that are not integrity failures (a witness that did not answer, records not yet sealed).</param>
/// <param name="Failure">Why the trail could not be read, when <paramref name="State"/> is <see cref="NodeAuditState.Unreadable"/>.</param>
public sealed record NodeAuditVerdict(
    string NodeId,
    string Endpoint,
    NodeAuditState State,
    string Summary,
    long FirstSequence,
    long LastSequence,
    long RecordCount,
    string? HeadHash,
    long AnnouncedLength,
    string? AnnouncedHead,
    int ValidCheckpoints,
    long NewestWitnessedCheckpoint,
    IReadOnlyList<string> Witnesses,
    IReadOnlyList<AuditProblem> Problems,
    IReadOnlyList<string> Notes,
    NodeFailure? Failure);

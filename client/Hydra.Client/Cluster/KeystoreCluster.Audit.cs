using System.Runtime.CompilerServices;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hydra.Client.Auditing;
using Hydra.Keystore.V1;

namespace Hydra.Client.Cluster;

/// <summary>Reading nodes' audit trails (auditors only; the read itself is audited by each node).</summary>
public sealed partial class KeystoreCluster
{
    /// <summary>The nodes of this cluster, in configuration order.</summary>
    public IReadOnlyList<ClusterNode> Nodes => Configuration.Nodes;

    /// <summary>Streams one node's audit records, oldest first, as the node sent them (verify them with <see cref="AuditChain"/>).</summary>
    public async IAsyncEnumerable<AuditEntry> QueryAuditAsync(
        string nodeId, AuditQueryOptions query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var connection = _connections.FirstOrDefault(c => c.Node.Id == nodeId)
            ?? throw new ArgumentException($"Node '{nodeId}' is not in the cluster.", nameof(nodeId));
        var request = new AuditQuery
        {
            KeyId = query.KeyId ?? string.Empty,
            Subject = query.Subject ?? string.Empty,
            Outcome = query.Outcome ?? string.Empty,
            FromSequence = query.FromSequence,
            Limit = query.Limit,
        };
        if (query.From is { } from)
        {
            request.From = Timestamp.FromDateTimeOffset(from);
        }

        if (query.To is { } to)
        {
            request.To = Timestamp.FromDateTimeOffset(to);
        }

        // Audit queries may stream for a long time: no per-call deadline, only the caller's cancellation.
        using var call = connection.Client.QueryAudit(request, new CallOptions(cancellationToken: cancellationToken));
        await foreach (var record in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ToEntry(record);
        }
    }

    /// <summary>
    /// The signed checkpoints <paramref name="holderNodeId"/> holds for <paramref name="aboutNodeId"/>: its own when
    /// the two are the same node, otherwise those it witnessed for that peer.
    /// </summary>
    public async Task<IReadOnlyList<SignedCheckpoint>> GetCheckpointsAsync(
        string holderNodeId, string aboutNodeId, long fromSequence, CancellationToken cancellationToken)
    {
        var connection = _connections.FirstOrDefault(c => c.Node.Id == holderNodeId)
            ?? throw new ArgumentException($"Node '{holderNodeId}' is not in the cluster.", nameof(holderNodeId));
        var checkpoints = new List<SignedCheckpoint>();
        var from = fromSequence;
        while (true)
        {
            var response = await connection.Client.GetCheckpointsAsync(
                new GetCheckpointsRequest { NodeId = aboutNodeId, FromSequence = from },
                connection.Call(cancellationToken)).ConfigureAwait(false);
            checkpoints.AddRange(response.Checkpoints.Select(CheckpointMessages.FromProto));
            if (!response.More || response.Checkpoints.Count == 0)
            {
                return checkpoints;
            }

            from = response.Checkpoints[^1].Sequence + 1;
        }
    }

    internal static AuditEntry ToEntry(AuditRecord record) => new(
        record.Sequence,
        record.Time.ToDateTimeOffset(),
        record.NodeId,
        record.Subject,
        record.Issuer,
        [.. record.Fqans],
        record.Operation,
        record.KeyId,
        record.Outcome,
        record.Reason,
        record.Peer,
        record.Delegate,
        record.ProxyDepth,
        Convert.FromHexString(record.PreviousHash),
        Convert.FromHexString(record.Hash));
}

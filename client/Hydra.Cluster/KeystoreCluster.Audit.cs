using System.Runtime.CompilerServices;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hydra.Audit;
using Hydra.Keystore.Contract.Channels;
using Hydra.Keystore.Contract.Mapping;
using Hydra.Keystore.V1;

namespace Hydra.Cluster;

/// <summary>Reading nodes' audit trails (auditors only; the read itself is audited by each node).</summary>
public sealed partial class KeystoreCluster
{
    /// <summary>The nodes of this cluster, in configuration order.</summary>
    public IReadOnlyList<ClusterNode> Nodes => Configuration.Nodes;

    /// <summary>Streams one node's audit records, oldest first, as the node sent them (verify them with <see cref="AuditChainVerifier"/>).</summary>
    /// <exception cref="ClusterException">The node refused, could not be reached, or sent a malformed record: its one failure says which.</exception>
    public async IAsyncEnumerable<AuditEntry> QueryAuditAsync(
        string nodeId, AuditQueryOptions query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var connection = Connection(nodeId);
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
        using var call = connection.Client.QueryAudit(request, new CallOptions(headers: _headers, cancellationToken: cancellationToken));
        var records = call.ResponseStream.ReadAllAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (records.ConfigureAwait(false))
        {
            while (true)
            {
                AuditEntry entry;
                try
                {
                    if (!await records.MoveNextAsync().ConfigureAwait(false))
                    {
                        yield break;
                    }

                    entry = ProtoMapping.FromProto(records.Current);
                }
                catch (Exception ex) when (NodeFailures.IsNodeFailure(ex) && !cancellationToken.IsCancellationRequested)
                {
                    throw NodeFailed(nodeId, "did not hand over its audit trail", ex);
                }

                yield return entry;
            }
        }
    }

    /// <summary>
    /// The signed checkpoints <paramref name="holderNodeId"/> holds for <paramref name="aboutNodeId"/>: its own when
    /// the two are the same node, otherwise those it witnessed for that peer.
    /// </summary>
    /// <exception cref="ClusterException">The node refused, could not be reached, or sent a malformed checkpoint.</exception>
    public async Task<IReadOnlyList<SignedCheckpoint>> GetCheckpointsAsync(
        string holderNodeId, string aboutNodeId, long fromSequence, CancellationToken cancellationToken)
    {
        var connection = Connection(holderNodeId);
        var checkpoints = new List<SignedCheckpoint>();
        var from = fromSequence;
        try
        {
            while (true)
            {
                var response = await connection.Client.GetCheckpointsAsync(
                    new GetCheckpointsRequest { NodeId = aboutNodeId, FromSequence = from },
                    connection.Call(cancellationToken, _headers)).ConfigureAwait(false);
                checkpoints.AddRange(response.Checkpoints.Select(ProtoMapping.FromProto));
                if (!response.More || response.Checkpoints.Count == 0)
                {
                    return checkpoints;
                }

                from = response.Checkpoints[^1].Sequence + 1;
            }
        }
        catch (Exception ex) when (NodeFailures.IsNodeFailure(ex) && !cancellationToken.IsCancellationRequested)
        {
            throw NodeFailed(holderNodeId, $"did not hand over its checkpoints of {aboutNodeId}", ex);
        }
    }

    private NodeConnection Connection(string nodeId) =>
        _connections.FirstOrDefault(c => c.Node.Id == nodeId)
        ?? throw new ArgumentException($"Node '{nodeId}' is not in the cluster.", nameof(nodeId));

    private static ClusterException NodeFailed(string nodeId, string what, Exception exception)
    {
        var failure = NodeFailures.From(nodeId, exception);
        return new ClusterException($"Node {nodeId} {what}: {failure.Kind}: {failure.Message}", [failure], exception);
    }
}

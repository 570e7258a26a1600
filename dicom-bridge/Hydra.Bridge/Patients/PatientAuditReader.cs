using Hydra.Audit;
using Hydra.Bridge.Storage;
using Hydra.Cluster;

namespace Hydra.Bridge.Patients;

/// <summary>
/// Reads, for a patient, every node's audit records of each of their keys (the nodes answer a patient only for one key
/// at a time, and only keys whose ACL gives that patient GetShare), and merges them into the patient's access log.
/// A node that cannot be read is named in the log, never left out silently.
/// </summary>
internal sealed class PatientAuditReader
{
    private readonly KeystoreCluster _cluster;

    public PatientAuditReader(KeystoreCluster cluster)
    {
        _cluster = cluster;
    }

    public async Task<AccessLog> ReadAsync(PatientSession session, IReadOnlyList<CatalogEntry> entries, CancellationToken cancellationToken)
    {
        var view = _cluster.OnBehalfOfPatient(session.Patient);
        var studyOfKey = entries.GroupBy(e => e.KeyId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().StudyInstanceUid, StringComparer.Ordinal);
        var perNode = await Task.WhenAll(_cluster.Nodes.Select(node => ReadNodeAsync(view, node.Id, studyOfKey.Keys, cancellationToken)));
        var events = AccessLogMerger.Merge(perNode.SelectMany(n => n.Records), studyOfKey, session.Patient);
        return new AccessLog(events, [.. perNode.Where(n => n.Failed).Select(n => n.NodeId)]);
    }

    /// <summary>
    /// One node's records of every key, keys one after the other. A node down or not answering in time is given up on
    /// at once (every further key would wait as long); a refusal of one key does not stop the others.
    /// </summary>
    private static async Task<NodeRecords> ReadNodeAsync(
        KeystoreCluster view, string nodeId, IEnumerable<string> keyIds, CancellationToken cancellationToken)
    {
        var records = new List<AuditEntry>();
        var failed = false;
        foreach (var keyId in keyIds)
        {
            try
            {
                await foreach (var record in view.QueryAuditAsync(nodeId, new AuditQueryOptions { KeyId = keyId }, cancellationToken).ConfigureAwait(false))
                {
                    records.Add(record);
                }
            }
            catch (ClusterException ex)
            {
                failed = true;
                if (ex.Failures.Any(f => f.Kind is NodeFailureKind.Unavailable or NodeFailureKind.DeadlineExceeded or NodeFailureKind.ConnectionFailed
                    or NodeFailureKind.Untrusted))
                {
                    break;
                }
            }
        }

        return new NodeRecords(nodeId, records, failed);
    }

    private sealed record NodeRecords(string NodeId, IReadOnlyList<AuditEntry> Records, bool Failed);
}

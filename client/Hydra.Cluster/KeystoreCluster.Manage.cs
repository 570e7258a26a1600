using System.Diagnostics;
using Hydra.Access;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Mapping;
using Hydra.Keystore.V1;
using AclEntry = Hydra.Access.AclEntry;

namespace Hydra.Cluster;

/// <summary>Deleting keys, ACLs, listing and status: operations that go to every node and report per node.</summary>
public sealed partial class KeystoreCluster
{
    /// <summary>Deletes the key from every node; returns the nodes that failed (a key absent from a node is no failure).</summary>
    public async Task<IReadOnlyList<NodeFailure>> DeleteKeyAsync(KeyId keyId, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(_connections.Select(connection => TryOnNodeAsync(connection, c => c.Client.DeleteKeyAsync(
            new DeleteKeyRequest { KeyId = keyId.Value }, c.Call(cancellationToken, _headers)).ResponseAsync))).ConfigureAwait(false);
        var failures = results.Select(r => r.Failure).OfType<NodeFailure>().ToList();
        if (failures.Count == _connections.Length && failures.All(f => f.Kind == NodeFailureKind.NotFound))
        {
            throw new ClusterException($"Key '{keyId}' is not registered on any node.", failures);
        }

        var real = failures.Where(f => f.Kind != NodeFailureKind.NotFound).ToList();
        if (real.Count == _connections.Length)
        {
            throw new ClusterException($"Key '{keyId}' could not be deleted: {NodeFailures.Summarize(real)}.", real);
        }

        return real;
    }

    /// <summary>Deletes the key from one node only (a stale share left there by an unfinished registration).</summary>
    public async Task<NodeFailure?> DeleteKeyOnNodeAsync(string nodeId, KeyId keyId, CancellationToken cancellationToken)
    {
        var connection = _connections.FirstOrDefault(c => c.Node.Id == nodeId)
            ?? throw new ArgumentException($"Node '{nodeId}' is not in the cluster.", nameof(nodeId));
        var (_, failure) = await TryOnNodeAsync(connection, c => c.Client.DeleteKeyAsync(
            new DeleteKeyRequest { KeyId = keyId.Value }, c.Call(cancellationToken, _headers)).ResponseAsync).ConfigureAwait(false);
        return failure;
    }

    /// <summary>Reads the key's ACL from every node and reports nodes whose rules differ.</summary>
    public async Task<AclReport> GetAclAsync(KeyId keyId, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(_connections.Select(connection => TryOnNodeAsync(connection, async c =>
            ProtoMapping.FromProto((await c.Client.GetAclAsync(new GetAclRequest { KeyId = keyId.Value }, c.Call(cancellationToken, _headers)).ConfigureAwait(false)).Acl))))
            .ConfigureAwait(false);
        return BuildAclReport(keyId, results);
    }

    /// <summary>
    /// Replaces the key's ACL entries on every node, then reads them back and reports any node whose ACL differs.
    /// </summary>
    public async Task<AclReport> SetAclAsync(KeyId keyId, IReadOnlyList<AclEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var request = new SetAclRequest { KeyId = keyId.Value };
        ProtoMapping.AddEntries(request.Entries, entries);
        var results = await Task.WhenAll(_connections.Select(connection => TryOnNodeAsync(connection, async c =>
            ProtoMapping.FromProto((await c.Client.SetAclAsync(request, c.Call(cancellationToken, _headers)).ConfigureAwait(false)).Acl)))).ConfigureAwait(false);
        var failures = results.Select(r => r.Failure).OfType<NodeFailure>().ToList();
        if (failures.Count == _connections.Length)
        {
            throw new ClusterException($"The ACL of key '{keyId}' was changed on no node: {NodeFailures.Summarize(failures)}.", failures);
        }

        return await GetAclAsync(keyId, cancellationToken).ConfigureAwait(false);
    }

    private AclReport BuildAclReport(KeyId keyId, (KeyAcl? Result, NodeFailure? Failure)[] results)
    {
        var perNode = new Dictionary<string, KeyAcl>(StringComparer.Ordinal);
        var failures = new List<NodeFailure>();
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Result is { } acl)
            {
                perNode[_connections[i].Node.Id] = acl;
            }
            else
            {
                failures.Add(results[i].Failure!);
            }
        }

        if (perNode.Count == 0)
        {
            throw new ClusterException($"No node returned the ACL of key '{keyId}': {NodeFailures.Summarize(failures)}.", failures);
        }

        // The rules most nodes hold are the cluster's; a node holding other rules is reported as divergent.
        var majority = perNode.Values
            .GroupBy(RulesKey, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .First().First();
        var divergent = perNode.Where(p => !p.Value.SameRulesAs(majority)).Select(p => p.Key).ToList();
        return new AclReport(keyId, majority, perNode, divergent, failures);
    }

    /// <summary>The owner and entries as one comparable text (versions may differ between nodes).</summary>
    private static string RulesKey(KeyAcl acl) => acl.OwnerText + "\n" + string.Join("\n", acl.Entries);

    /// <summary>Asks every node for its status; unreachable nodes are reported, not thrown.</summary>
    public async Task<IReadOnlyList<NodeStatus>> GetStatusAsync(CancellationToken cancellationToken)
    {
        return await Task.WhenAll(_connections.Select(async connection =>
        {
            var watch = Stopwatch.StartNew();
            var (answer, failure) = await TryOnNodeAsync(connection, async c =>
            {
                var info = await c.Client.GetNodeInfoAsync(new GetNodeInfoRequest(), c.Call(cancellationToken, _headers)).ConfigureAwait(false);
                return (Info: info, Caller: ProtoMapping.FromProto(info.Caller));
            }).ConfigureAwait(false);
            watch.Stop();
            if (failure is not null)
            {
                return new NodeStatus(connection.Node, false, watch.Elapsed, null, null, 0, 0, null, null, failure);
            }

            var (info, caller) = answer;
            return new NodeStatus(
                connection.Node, true, watch.Elapsed, info.NodeId, info.Version, info.KeyCount, info.AuditLength, info.AuditHead, caller, null);
        })).ConfigureAwait(false);
    }

    /// <summary>Lists keys the caller may see on any node, merged by key id, in id order.</summary>
    public async Task<IReadOnlyList<ListedKey>> ListKeysAsync(string prefix, CancellationToken cancellationToken)
    {
        var perNode = await Task.WhenAll(_connections.Select(c => ListOnNodeAsync(c, prefix ?? string.Empty, cancellationToken))).ConfigureAwait(false);
        if (perNode.All(n => n.Failure is not null))
        {
            var failures = perNode.Select(n => n.Failure!).ToList();
            throw new ClusterException($"No node could list keys: {NodeFailures.Summarize(failures)}.", failures);
        }

        return [.. perNode
            .SelectMany(n => n.Keys.Select(k => (Node: n.NodeId, Key: k)))
            .GroupBy(x => x.Key.KeyId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.First().Key;
                return new ListedKey(first.KeyId, first.Owner, first.Permissions, first.Created, [.. g.Select(x => x.Node)]);
            })];
    }

    private async Task<(string NodeId, List<KeyListing> Keys, NodeFailure? Failure)> ListOnNodeAsync(
        NodeConnection connection, string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<KeyListing>();
        var after = string.Empty;
        while (true)
        {
            var page = after;
            var (response, failure) = await TryOnNodeAsync(connection, async c =>
            {
                var answer = await c.Client.ListKeysAsync(new ListKeysRequest { Prefix = prefix, After = page }, c.Call(cancellationToken, _headers)).ConfigureAwait(false);
                return (Items: answer.Items.Select(ProtoMapping.FromProto).ToList(), answer.NextAfter);
            }).ConfigureAwait(false);
            if (failure is not null)
            {
                return (connection.Node.Id, keys, failure);
            }

            keys.AddRange(response.Items);
            if (response.NextAfter.Length == 0)
            {
                return (connection.Node.Id, keys, null);
            }

            after = response.NextAfter;
        }
    }
}

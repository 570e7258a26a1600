using System.Diagnostics;
using Hydra.Keystore.V1;

namespace Hydra.Client.Cluster;

/// <summary>Deleting keys, ACLs, listing and status: operations that go to every node and report per node.</summary>
public sealed partial class KeystoreCluster
{
    /// <summary>Deletes the key from every node; returns the nodes that failed (a key absent from a node is no failure).</summary>
    public async Task<IReadOnlyList<NodeFailure>> DeleteKeyAsync(KeyId keyId, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(_connections.Select(connection => TryOnNodeAsync(connection, c => c.Client.DeleteKeyAsync(
            new DeleteKeyRequest { KeyId = keyId.Value }, c.Call(cancellationToken, _headers)).ResponseAsync))).ConfigureAwait(false);
        var failures = results.Select(r => r.Failure).OfType<NodeFailure>().ToList();
        if (failures.Count == _connections.Length && failures.All(f => f.Status == "NotFound"))
        {
            throw new ClusterException($"Key '{keyId}' is not registered on any node.", failures);
        }

        var real = failures.Where(f => f.Status != "NotFound").ToList();
        if (real.Count == _connections.Length)
        {
            throw new ClusterException($"Key '{keyId}' could not be deleted: " + string.Join("; ", real), real);
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
            (await c.Client.GetAclAsync(new GetAclRequest { KeyId = keyId.Value }, c.Call(cancellationToken, _headers)).ConfigureAwait(false)).Acl)))
            .ConfigureAwait(false);
        return BuildAclReport(keyId, results);
    }

    /// <summary>
    /// Replaces the key's ACL entries on every node, then reads them back and reports any node whose ACL differs.
    /// </summary>
    public async Task<AclReport> SetAclAsync(KeyId keyId, IReadOnlyList<KeyAclEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var request = new SetAclRequest { KeyId = keyId.Value };
        request.Entries.AddRange(ToAclEntries(entries));
        var results = await Task.WhenAll(_connections.Select(connection => TryOnNodeAsync(connection, async c =>
            (await c.Client.SetAclAsync(request, c.Call(cancellationToken, _headers)).ConfigureAwait(false)).Acl))).ConfigureAwait(false);
        var failures = results.Select(r => r.Failure).OfType<NodeFailure>().ToList();
        if (failures.Count == _connections.Length)
        {
            throw new ClusterException($"The ACL of key '{keyId}' was changed on no node: " + string.Join("; ", failures), failures);
        }

        return await GetAclAsync(keyId, cancellationToken).ConfigureAwait(false);
    }

    private AclReport BuildAclReport(KeyId keyId, (Acl? Result, NodeFailure? Failure)[] results)
    {
        var perNode = new Dictionary<string, KeyAclInfo>(StringComparer.Ordinal);
        var failures = new List<NodeFailure>();
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Result is { } acl)
            {
                perNode[_connections[i].Node.Id] = ToInfo(acl);
            }
            else
            {
                failures.Add(results[i].Failure!);
            }
        }

        if (perNode.Count == 0)
        {
            throw new ClusterException($"No node returned the ACL of key '{keyId}': " + string.Join("; ", failures), failures);
        }

        // The rules most nodes hold are the cluster's; a node holding other rules is reported as divergent.
        var majority = perNode.Values
            .GroupBy(a => a.RulesKey, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .First().First();
        var divergent = perNode.Where(p => !p.Value.SameRulesAs(majority)).Select(p => p.Key).ToList();
        return new AclReport(keyId, majority, perNode, divergent, failures);
    }

    private static KeyAclInfo ToInfo(Acl acl) => new(
        acl.Owner,
        [.. acl.Entries.Select(e => new KeyAclEntry(e.Principal, (KeyPermissions)e.Permissions, e.Deny))],
        acl.Version);

    /// <summary>Asks every node for its status; unreachable nodes are reported, not thrown.</summary>
    public async Task<IReadOnlyList<NodeStatus>> GetStatusAsync(CancellationToken cancellationToken)
    {
        return await Task.WhenAll(_connections.Select(async connection =>
        {
            var watch = Stopwatch.StartNew();
            var (info, failure) = await TryOnNodeAsync(connection, c => c.Client.GetNodeInfoAsync(
                new GetNodeInfoRequest(), c.Call(cancellationToken, _headers)).ResponseAsync).ConfigureAwait(false);
            watch.Stop();
            if (info is null)
            {
                return new NodeStatus(connection.Node, false, watch.Elapsed, null, null, 0, 0, null, null, failure);
            }

            var caller = new CallerInfo(
                info.Caller.Subject, info.Caller.Issuer, [.. info.Caller.Fqans], info.Caller.ProxyDepth, info.Caller.Limited, [.. info.Caller.Roles]);
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
            throw new ClusterException("No node could list keys: " + string.Join("; ", failures), failures);
        }

        return [.. perNode
            .SelectMany(n => n.Keys.Select(k => (Node: n.NodeId, Key: k)))
            .GroupBy(x => x.Key.KeyId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.First().Key;
                return new ListedKey(first.KeyId, first.Owner, (KeyPermissions)first.Permissions, first.Created.ToDateTimeOffset(), [.. g.Select(x => x.Node)]);
            })];
    }

    private async Task<(string NodeId, List<ListKeysResponse.Types.Item> Keys, NodeFailure? Failure)> ListOnNodeAsync(
        NodeConnection connection, string prefix, CancellationToken cancellationToken)
    {
        var keys = new List<ListKeysResponse.Types.Item>();
        var after = string.Empty;
        while (true)
        {
            var page = after;
            var (response, failure) = await TryOnNodeAsync(connection, c => c.Client.ListKeysAsync(
                new ListKeysRequest { Prefix = prefix, After = page }, c.Call(cancellationToken, _headers)).ResponseAsync).ConfigureAwait(false);
            if (failure is not null)
            {
                return (connection.Node.Id, keys, failure);
            }

            keys.AddRange(response!.Items);
            if (response.NextAfter.Length == 0)
            {
                return (connection.Node.Id, keys, null);
            }

            after = response.NextAfter;
        }
    }
}

using Hydra.Keystore.Contract;
using Hydra.Keystore.V1;
using Hydra.Sharing;

namespace Hydra.Cluster;

/// <summary>Rebuilding keys: ask every node at once, rebuild from the first M valid shares, name bad ones.</summary>
public sealed partial class KeystoreCluster
{
    /// <summary>
    /// Asks every node for its share in parallel and rebuilds the key as soon as M shares verify; a corrupt or
    /// forged share is named and the next share is used instead.
    /// </summary>
    /// <exception cref="ClusterException">Fewer than M valid shares could be had; each node's answer is listed.</exception>
    public async Task<FetchedKey> GetKeyAsync(KeyId keyId, CancellationToken cancellationToken)
    {
        // Calls still running when M shares have verified are left to finish rather than cancelled: a stream reset
        // mid-response makes the node log an error, and the share has been released (and audited) by then anyway.
        var pending = _connections.Select(connection => FetchShareAsync(connection, keyId, cancellationToken)).ToList();
        var shares = new List<ReceivedShare>(_connections.Length);
        var failures = new List<NodeFailure>();
        ShareException? lastShareError = null;
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(finished);
            var (share, failure) = await finished.ConfigureAwait(false);
            if (failure is not null)
            {
                failures.Add(failure);
                continue;
            }

            shares.Add(share!);
            if (shares.Count < Threshold)
            {
                continue;
            }

            try
            {
                return new FetchedKey(KeyReconstructor.Reconstruct(shares), failures);
            }
            catch (ShareException ex) when (ex.MoreSharesMayHelp && pending.Count > 0)
            {
                lastShareError = ex;
            }
            catch (ShareException ex)
            {
                lastShareError = ex;
                break;
            }
        }

        throw KeyUnavailable(keyId, shares.Count, failures, lastShareError);
    }

    /// <summary>
    /// Rebuilds many keys with one batch call per node. Keys that cannot be rebuilt are reported in their result,
    /// not thrown, so one refused key does not hide the others.
    /// </summary>
    public async Task<IReadOnlyList<KeyFetchResult>> GetKeysAsync(IReadOnlyList<KeyId> keyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyIds);
        var perNode = await Task.WhenAll(_connections.Select(c => FetchSharesAsync(c, keyIds, cancellationToken))).ConfigureAwait(false);
        var results = new List<KeyFetchResult>(keyIds.Count);
        for (var k = 0; k < keyIds.Count; k++)
        {
            var shares = new List<ReceivedShare>();
            var failures = new List<NodeFailure>();
            foreach (var node in perNode)
            {
                var (share, failure) = node[k];
                if (share is not null)
                {
                    shares.Add(share);
                }
                else
                {
                    failures.Add(failure!);
                }
            }

            results.Add(Rebuild(keyIds[k], shares, failures));
        }

        return results;
    }

    private KeyFetchResult Rebuild(KeyId keyId, List<ReceivedShare> shares, List<NodeFailure> failures)
    {
        try
        {
            return new KeyFetchResult(keyId, new FetchedKey(KeyReconstructor.Reconstruct(shares), failures), null);
        }
        catch (ShareException ex)
        {
            return new KeyFetchResult(keyId, null, KeyUnavailable(keyId, shares.Count, failures, ex));
        }
    }

    private ClusterException KeyUnavailable(KeyId keyId, int shareCount, List<NodeFailure> failures, ShareException? shareError)
    {
        var detail = shareError is not null
            ? shareError.Message
            : $"only {shareCount} of the {Threshold} shares needed were released";
        return new ClusterException(
            $"Key '{keyId}' cannot be rebuilt: {detail}." + (failures.Count > 0 ? " " + string.Join("; ", failures) : string.Empty),
            failures,
            shareError);
    }

    private async Task<(ReceivedShare? Share, NodeFailure? Failure)> FetchShareAsync(
        NodeConnection connection, KeyId keyId, CancellationToken cancellationToken)
    {
        var (response, failure) = await TryOnNodeAsync(connection, c => c.Client.GetShareAsync(
            new GetShareRequest { KeyId = keyId.Value }, c.Call(cancellationToken, _headers)).ResponseAsync).ConfigureAwait(false);
        return failure is not null ? (null, failure) : ParseShare(connection, response!.Envelope.Span);
    }

    private async Task<(ReceivedShare? Share, NodeFailure? Failure)[]> FetchSharesAsync(
        NodeConnection connection, IReadOnlyList<KeyId> keyIds, CancellationToken cancellationToken)
    {
        var results = new (ReceivedShare?, NodeFailure?)[keyIds.Count];
        for (var start = 0; start < keyIds.Count; start += _options.MaxBatchSize)
        {
            var count = Math.Min(_options.MaxBatchSize, keyIds.Count - start);
            var request = new GetSharesRequest();
            request.KeyIds.AddRange(keyIds.Skip(start).Take(count).Select(k => k.Value));
            var (response, failure) = await TryOnNodeAsync(
                connection, c => c.Client.GetSharesAsync(request, c.Call(cancellationToken, _headers)).ResponseAsync).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                results[start + i] = failure is not null ? (null, failure) : ReadItem(connection, response!, i);
            }
        }

        return results;
    }

    private static (ReceivedShare? Share, NodeFailure? Failure) ReadItem(NodeConnection connection, GetSharesResponse response, int index)
    {
        if (index >= response.Items.Count)
        {
            return (null, new NodeFailure(connection.Node.Id, NodeFailureKind.MalformedAnswer, $"answered {response.Items.Count} items of a larger batch."));
        }

        var item = response.Items[index];
        try
        {
            return NodeFailures.From(connection.Node.Id, item.Status) is { } refused ? (null, refused) : ParseShare(connection, item.Envelope.Span);
        }
        catch (MalformedMessageException ex)
        {
            return (null, NodeFailures.From(connection.Node.Id, ex));
        }
    }

    private static (ReceivedShare? Share, NodeFailure? Failure) ParseShare(NodeConnection connection, ReadOnlySpan<byte> envelope)
    {
        try
        {
            return (new ReceivedShare(connection.Node.Id, ShareEnvelope.Parse(envelope)), null);
        }
        catch (ShareException ex)
        {
            return (null, new NodeFailure(connection.Node.Id, NodeFailureKind.CorruptShare, $"sent an unreadable share: {ex.Message}"));
        }
    }
}

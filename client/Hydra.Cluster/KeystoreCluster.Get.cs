using Hydra.Keystore.Contract;
using Hydra.Keystore.V1;
using Hydra.Sharing;

namespace Hydra.Cluster;

/// <summary>Rebuilding keys: ask every node at once, rebuild from the first M valid shares, name bad ones.</summary>
public sealed partial class KeystoreCluster
{
    /// <summary>
    /// Asks every node for its share in parallel and rebuilds the key as soon as M shares verify; a corrupt or
    /// forged share is named and the next share is used instead. Nodes that have not answered by then get
    /// <see cref="KeystoreClusterOptions.LateAnswerGrace"/> more, so that every node that did not contribute is named
    /// in <see cref="FetchedKey.Failed"/> with its reason; one whose certificate was refused is named at once.
    /// </summary>
    /// <exception cref="ClusterException">Fewer than M valid shares could be had; each node's answer is listed.</exception>
    public async Task<FetchedKey> GetKeyAsync(KeyId keyId, CancellationToken cancellationToken)
    {
        // Calls still running after the grace are left to finish rather than cancelled: a stream reset mid-response
        // makes the node log an error, and the share has been released (and audited) by then anyway.
        var pending = _connections.ToDictionary(connection => FetchShareAsync(connection, keyId, cancellationToken));
        var shares = new List<ReceivedShare>(_connections.Length);
        var failures = new List<NodeFailure>();
        ShareException? lastShareError = null;
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending.Keys).ConfigureAwait(false);
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

            KeyReconstruction rebuilt;
            try
            {
                rebuilt = KeyReconstructor.Reconstruct(shares);
            }
            catch (ShareException ex) when (ex.MoreSharesMayHelp && pending.Count > 0)
            {
                lastShareError = ex;
                continue;
            }
            catch (ShareException ex)
            {
                lastShareError = ex;
                break;
            }

            List<ReceivedShare> late;
            try
            {
                late = await SettleAsync(pending, failures, rebuilt: true, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                rebuilt.Dispose(); // zeroes the key when cancelled while waiting
                throw;
            }

            return new FetchedKey(CheckLateShares(rebuilt, shares, late), failures);
        }

        await SettleAsync(pending, failures, rebuilt: false, cancellationToken).ConfigureAwait(false);
        throw KeyUnavailable(keyId, shares.Count, failures, lastShareError);
    }

    /// <summary>
    /// Rebuilds many keys with one batch call per node. Keys that cannot be rebuilt are reported in their result,
    /// not thrown, so one refused key does not hide the others. As for one key, the nodes that have not answered once
    /// every key has M shares get <see cref="KeystoreClusterOptions.LateAnswerGrace"/> more and are then named, so a
    /// hung node costs each batch the grace, not the call deadline.
    /// </summary>
    public async Task<IReadOnlyList<KeyFetchResult>> GetKeysAsync(IReadOnlyList<KeyId> keyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyIds);
        var pending = _connections.ToDictionary(c => FetchSharesAsync(c, keyIds, cancellationToken));
        var answers = new List<(ReceivedShare? Share, NodeFailure? Failure)[]>(_connections.Length);
        while (pending.Count > 0 && !EveryKeyHasThreshold(answers, keyIds.Count))
        {
            var finished = await Task.WhenAny(pending.Keys).ConfigureAwait(false);
            pending.Remove(finished);
            answers.Add(await finished.ConfigureAwait(false));
        }

        var silent = await SettleBatchAsync(pending, answers, cancellationToken).ConfigureAwait(false);
        var results = new List<KeyFetchResult>(keyIds.Count);
        for (var k = 0; k < keyIds.Count; k++)
        {
            var shares = new List<ReceivedShare>();
            var failures = new List<NodeFailure>();
            foreach (var node in answers)
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

            failures.AddRange(silent);
            results.Add(Rebuild(keyIds[k], shares, failures));
        }

        return results;
    }

    private bool EveryKeyHasThreshold(List<(ReceivedShare? Share, NodeFailure? Failure)[]> answers, int keys)
    {
        if (answers.Count < Threshold)
        {
            return false;
        }

        for (var k = 0; k < keys; k++)
        {
            if (answers.Count(node => node[k].Share is not null) < Threshold)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Waits up to the grace for the batch calls still pending, adding their answers to <paramref name="answers"/>;
    /// returns a failure for each node still silent after it (its call is left to finish on its own, as for one key).
    /// </summary>
    private async Task<List<NodeFailure>> SettleBatchAsync(
        Dictionary<Task<(ReceivedShare? Share, NodeFailure? Failure)[]>, NodeConnection> pending,
        List<(ReceivedShare? Share, NodeFailure? Failure)[]> answers,
        CancellationToken cancellationToken)
    {
        if (pending.Count > 0)
        {
            using var stopGrace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var grace = Task.Delay(_options.LateAnswerGrace, _options.Time, stopGrace.Token);
            try
            {
                while (pending.Count > 0)
                {
                    var next = await Task.WhenAny([grace, .. pending.Keys]).ConfigureAwait(false);
                    if (next == grace)
                    {
                        break;
                    }

                    var finished = (Task<(ReceivedShare? Share, NodeFailure? Failure)[]>)next;
                    pending.Remove(finished);
                    answers.Add(await finished.ConfigureAwait(false));
                }
            }
            finally
            {
                await stopGrace.CancelAsync().ConfigureAwait(false);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return [.. pending.Values.Select(connection => new NodeFailure(
            connection.Node.Id,
            NodeFailureKind.DeadlineExceeded,
            $"did not answer within {_options.LateAnswerGrace.TotalMilliseconds:0} ms of the nodes that did"
            + " (the node may be slow, or unreachable until the connect timeout)."))];
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

    private ClusterException KeyUnavailable(KeyId keyId, int shareCount, List<NodeFailure> failures, ShareException? shareError) =>
        new(ClusterMessages.KeyUnavailable(keyId, Threshold, shareCount, failures, shareError), failures, shareError);

    /// <summary>
    /// Waits up to the grace for the calls still pending: their failures join <paramref name="failures"/>, a node whose
    /// certificate is refused meanwhile is named at once, and a node still silent after the grace is named as such
    /// (<paramref name="rebuilt"/>: whether the key was rebuilt without it). Returns the shares that came in meanwhile.
    /// </summary>
    private async Task<List<ReceivedShare>> SettleAsync(
        Dictionary<Task<(ReceivedShare? Share, NodeFailure? Failure)>, NodeConnection> pending,
        List<NodeFailure> failures,
        bool rebuilt,
        CancellationToken cancellationToken)
    {
        var late = new List<ReceivedShare>();
        if (pending.Count == 0)
        {
            return late;
        }

        using var stopGrace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var grace = Task.Delay(_options.LateAnswerGrace, _options.Time, stopGrace.Token);
        try
        {
            while (pending.Count > 0)
            {
                foreach (var (call, connection) in pending.Where(p => p.Value.Refusal is not null).ToList())
                {
                    pending.Remove(call);
                    failures.Add(NodeFailures.Untrusted(connection.Node.Id, connection.Refusal ?? string.Empty));
                }

                if (pending.Count == 0)
                {
                    break;
                }

                var next = await Task.WhenAny([grace, .. pending.Keys, .. pending.Values.Select(c => c.WhenRefused)]).ConfigureAwait(false);
                if (next == grace)
                {
                    break;
                }

                if (next is Task<(ReceivedShare? Share, NodeFailure? Failure)> finished && pending.Remove(finished))
                {
                    var (share, failure) = await finished.ConfigureAwait(false);
                    if (share is not null)
                    {
                        late.Add(share);
                    }
                    else
                    {
                        failures.Add(failure!);
                    }
                }
            }
        }
        finally
        {
            await stopGrace.CancelAsync().ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        failures.AddRange(pending.Values.Select(connection => new NodeFailure(
            connection.Node.Id,
            NodeFailureKind.DeadlineExceeded,
            $"did not answer within {_options.LateAnswerGrace.TotalMilliseconds:0} ms of the nodes that did"
            + (rebuilt ? "; the key was rebuilt without it" : string.Empty)
            + " (the node may be slow, or unreachable until the connect timeout).")));
        return late;
    }

    /// <summary>
    /// Checks shares that came in after the key was rebuilt, so that a node that sent a bad one is named too. Only shares
    /// of the split already rebuilt are added: they cannot change which shares rebuild the key, only which are bad.
    /// </summary>
    private static KeyReconstruction CheckLateShares(KeyReconstruction rebuilt, List<ReceivedShare> shares, List<ReceivedShare> late)
    {
        var sameSplit = late.Where(share => share.Envelope.KeyId == rebuilt.KeyId && share.Envelope.SplitId.Span.SequenceEqual(rebuilt.SplitId.Span)).ToList();
        if (sameSplit.Count == 0)
        {
            return rebuilt;
        }

        try
        {
            var checkedAll = KeyReconstructor.Reconstruct([.. shares, .. sameSplit]);
            rebuilt.Dispose();
            return checkedAll;
        }
        catch (ShareException)
        {
            return rebuilt;
        }
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

using Google.Protobuf;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Mapping;
using Hydra.Keystore.V1;
using Hydra.Sharing;
using AclEntry = Hydra.Access.AclEntry;

namespace Hydra.Cluster;

/// <summary>Registering keys: split, one share per node, in parallel, durable on at least the write quorum.</summary>
public sealed partial class KeystoreCluster
{
    /// <summary>
    /// Splits <paramref name="key"/> M-of-N and stores one share on each node. Succeeds when the write quorum has
    /// durably acknowledged; otherwise removes what was stored and throws, naming each node's failure.
    /// </summary>
    public async Task<RegistrationReport> RegisterKeyAsync(
        KeyId keyId, ReadOnlyMemory<byte> key, IReadOnlyList<AclEntry> acl, CancellationToken cancellationToken)
    {
        var reports = await RegisterKeysAsync([new KeyRegistration(keyId, key, acl)], cancellationToken).ConfigureAwait(false);
        return reports[0];
    }

    /// <summary>
    /// Registers many keys with one batch call per node (thousands of keys per second). Each key is judged on its
    /// own: the method throws if any key misses the write quorum, after rolling back that key's stored shares.
    /// </summary>
    public async Task<IReadOnlyList<RegistrationReport>> RegisterKeysAsync(
        IReadOnlyList<KeyRegistration> keys, CancellationToken cancellationToken)
    {
        var results = await TryRegisterKeysAsync(keys, cancellationToken).ConfigureAwait(false);
        var failed = results.Where(r => r.Error is not null).ToList();
        if (failed.Count > 0)
        {
            var first = failed[0].Error!;
            throw failed.Count == 1
                ? first
                : new ClusterException($"{first.Message} ({failed.Count} keys of this batch failed.)", first.Failures, first.InnerException);
        }

        return [.. results.Select(r => r.Report!)];
    }

    /// <summary>
    /// Registers many keys with one batch call per node and reports each key on its own: its registration report,
    /// or (after its stored shares were rolled back) why it missed the write quorum. Nothing is thrown for one key.
    /// </summary>
    public async Task<IReadOnlyList<KeyRegistrationResult>> TryRegisterKeysAsync(
        IReadOnlyList<KeyRegistration> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var envelopes = keys.Select(k => KeySplitter.Split(k.KeyId, k.Key.Span, _connections.Length, Threshold)).ToArray();
        var outcomes = new RegistrationOutcome[keys.Count];
        for (var k = 0; k < keys.Count; k++)
        {
            outcomes[k] = new RegistrationOutcome();
        }

        var calls = _connections.Select((connection, n) => RegisterOnNodeAsync(connection, n, keys, envelopes, outcomes, cancellationToken));
        await Task.WhenAll(calls).ConfigureAwait(false);

        var results = new KeyRegistrationResult[keys.Count];
        var failedKeys = new List<int>();
        for (var k = 0; k < keys.Count; k++)
        {
            var outcome = outcomes[k];
            if (outcome.Stored.Count + outcome.AlreadyPresent.Count >= Configuration.EffectiveWriteQuorum)
            {
                var undelivered = outcome.FailedNodes.Select(n => new UndeliveredShare(_connections[n].Node, envelopes[k][n])).ToList();
                results[k] = new KeyRegistrationResult(
                    keys[k].KeyId, new RegistrationReport(keys[k].KeyId, [.. outcome.Stored, .. outcome.AlreadyPresent], outcome.Failures, undelivered), null);
            }
            else
            {
                failedKeys.Add(k);
            }
        }

        // The message says what became of the shares stored, so it is written after the roll-back.
        var rollBack = await RollBackAsync([.. failedKeys.Select(k => (keys[k].KeyId, outcomes[k]))], cancellationToken).ConfigureAwait(false);
        foreach (var k in failedKeys)
        {
            var outcome = outcomes[k];
            var undeleted = rollBack.GetValueOrDefault(keys[k].KeyId, []);
            results[k] = new KeyRegistrationResult(keys[k].KeyId, null, new ClusterException(
                ClusterMessages.NotRegistered(keys[k].KeyId, _connections.Length, Configuration.EffectiveWriteQuorum, outcome.Stored,
                    outcome.AlreadyPresent, outcome.Failures, undeleted),
                outcome.Failures));
        }

        return results;
    }

    private async Task RegisterOnNodeAsync(
        NodeConnection connection,
        int nodeIndex,
        IReadOnlyList<KeyRegistration> keys,
        IReadOnlyList<ShareEnvelope>[] envelopes,
        RegistrationOutcome[] outcomes,
        CancellationToken cancellationToken)
    {
        for (var start = 0; start < keys.Count; start += _options.MaxBatchSize)
        {
            var count = Math.Min(_options.MaxBatchSize, keys.Count - start);
            var request = new RegisterSharesRequest();
            for (var k = start; k < start + count; k++)
            {
                request.Shares.Add(ToRegistration(keys[k], envelopes[k][nodeIndex]));
            }

            var (response, failure) = await TryOnNodeAsync(
                connection,
                c => c.Client.RegisterSharesAsync(request, c.Call(cancellationToken, _headers)).ResponseAsync).ConfigureAwait(false);
            for (var k = start; k < start + count; k++)
            {
                var (item, itemFailure) = failure is null ? ReadItem(connection.Node.Id, response!, k - start) : (null, failure);
                lock (outcomes[k])
                {
                    if (itemFailure is not null)
                    {
                        outcomes[k].Fail(nodeIndex, itemFailure);
                    }
                    else if (item!.AlreadyPresent)
                    {
                        outcomes[k].AlreadyPresent.Add(connection.Node.Id);
                    }
                    else
                    {
                        outcomes[k].Stored.Add(connection.Node.Id);
                    }
                }
            }
        }
    }

    private static (RegisterSharesResponse.Types.Item? Item, NodeFailure? Failure) ReadItem(string nodeId, RegisterSharesResponse response, int index)
    {
        if (index >= response.Items.Count)
        {
            return (null, new NodeFailure(nodeId, NodeFailureKind.MalformedAnswer, $"answered {response.Items.Count} items of a larger batch."));
        }

        var item = response.Items[index];
        try
        {
            return NodeFailures.From(nodeId, item.Status) is { } refused ? (null, refused) : (item, null);
        }
        catch (MalformedMessageException ex)
        {
            return (null, NodeFailures.From(nodeId, ex));
        }
    }

    /// <summary>
    /// Delivers shares that waited for node <paramref name="nodeId"/> (sealed to its certificate, see
    /// <see cref="Hydra.Sharing.SealedEnvelopes"/>). A share the node already holds counts as delivered.
    /// </summary>
    /// <exception cref="ClusterException">The node could not be reached; nothing was delivered.</exception>
    public async Task<IReadOnlyList<HandoffDelivery>> DeliverSealedSharesAsync(
        string nodeId, IReadOnlyList<SealedShareRegistration> shares, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shares);
        var connection = _connections.FirstOrDefault(c => c.Node.Id == nodeId)
            ?? throw new ArgumentException($"Node '{nodeId}' is not in the cluster.", nameof(nodeId));
        var request = new RegisterSharesRequest();
        foreach (var share in shares)
        {
            var registration = new ShareRegistration { KeyId = share.KeyId.Value, SealedEnvelope = ByteString.CopyFrom(share.SealedEnvelope.Span) };
            ProtoMapping.AddEntries(registration.Acl, share.Acl);
            request.Shares.Add(registration);
        }

        var (response, failure) = await TryOnNodeAsync(
            connection, c => c.Client.RegisterSharesAsync(request, c.Call(cancellationToken, _headers)).ResponseAsync).ConfigureAwait(false);
        if (failure is not null)
        {
            throw new ClusterException($"Node {nodeId} did not take the waiting shares: {failure}", [failure]);
        }

        return [.. shares.Select((share, i) => ReadItem(nodeId, response!, i) is (_, { } itemFailure)
            ? new HandoffDelivery(share.KeyId, false, itemFailure)
            : new HandoffDelivery(share.KeyId, true, null))];
    }

    private static ShareRegistration ToRegistration(KeyRegistration key, ShareEnvelope envelope)
    {
        var registration = new ShareRegistration { KeyId = key.KeyId.Value, Envelope = ByteString.CopyFrom(envelope.ToBytes()) };
        ProtoMapping.AddEntries(registration.Acl, key.Acl);
        return registration;
    }

    /// <summary>Deletes the shares stored of keys that missed the write quorum; returns, per key, the deletions that failed.</summary>
    private async Task<Dictionary<KeyId, List<NodeFailure>>> RollBackAsync(
        List<(KeyId KeyId, RegistrationOutcome Outcome)> failedKeys, CancellationToken cancellationToken)
    {
        var deletions = new List<Task<(KeyId KeyId, NodeFailure? Failure)>>();
        foreach (var (keyId, outcome) in failedKeys)
        {
            foreach (var nodeId in outcome.Stored)
            {
                var connection = _connections.First(c => c.Node.Id == nodeId);
                deletions.Add(DeleteAsync(keyId, connection));
            }
        }

        var deleted = await Task.WhenAll(deletions).ConfigureAwait(false);
        return deleted
            .Where(d => d.Failure is { Kind: not NodeFailureKind.NotFound })
            .GroupBy(d => d.KeyId)
            .ToDictionary(g => g.Key, g => g.Select(d => d.Failure!).ToList());

        async Task<(KeyId KeyId, NodeFailure? Failure)> DeleteAsync(KeyId keyId, NodeConnection connection)
        {
            var (_, failure) = await TryOnNodeAsync(connection, c => c.Client.DeleteKeyAsync(
                new DeleteKeyRequest { KeyId = keyId.Value }, c.Call(cancellationToken, _headers)).ResponseAsync).ConfigureAwait(false);
            return (keyId, failure);
        }
    }

    private sealed class RegistrationOutcome
    {
        public List<string> Stored { get; } = [];

        public List<string> AlreadyPresent { get; } = [];

        public List<NodeFailure> Failures { get; } = [];

        public List<int> FailedNodes { get; } = [];

        public void Fail(int nodeIndex, NodeFailure failure)
        {
            FailedNodes.Add(nodeIndex);
            Failures.Add(failure);
        }
    }
}

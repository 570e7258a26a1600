using Hydra.Keystore.Contract;
using Hydra.Sharing;

namespace Hydra.Cluster;

/// <summary>
/// The sentences of cluster operations that failed as a whole: what went wrong first, then each cause once with the
/// nodes it came from, then what to do. Never key material or shares.
/// </summary>
internal static class ClusterMessages
{
    public static string KeyUnavailable(KeyId keyId, int threshold, int shareCount, IReadOnlyList<NodeFailure> failures, ShareException? shareError)
    {
        if (shareError is not null)
        {
            return $"Key '{keyId}' cannot be rebuilt: {shareError.Message}"
                + (failures.Count > 0 ? $" Nodes that sent no share: {NodeFailures.Summarize(failures)}." : string.Empty);
        }

        var what = failures.Count > 0 && failures.All(f => f.IsRefusal) ? "no node releases its share to you"
            : failures.Count > 0 && failures.All(f => f.Kind == NodeFailureKind.NotFound) ? "no node holds it"
            : $"{Shares(shareCount)} released, {threshold} needed";
        return $"Key '{keyId}' cannot be rebuilt: {what}: {NodeFailures.Summarize(failures)}.{Advice(failures, "get")}";
    }

    /// <summary>A key that missed the write quorum; <paramref name="rollBack"/> says what became of the shares stored.</summary>
    public static string NotRegistered(
        KeyId keyId, int nodeCount, int writeQuorum, IReadOnlyList<string> stored, IReadOnlyList<string> alreadyPresent,
        IReadOnlyList<NodeFailure> failures, IReadOnlyList<NodeFailure> rollBack)
    {
        var held = stored.Count + alreadyPresent.Count;
        var what = held == 0
            ? $"Key '{keyId}' was not registered: no node stored its share"
            : $"Key '{keyId}' was not registered: its share was stored on {held} of {nodeCount} nodes ({string.Join(", ", stored.Concat(alreadyPresent))}) "
              + $"and the write quorum is {writeQuorum}";
        var message = $"{what}: {NodeFailures.Summarize(failures)}.";
        var removed = stored.Where(node => rollBack.All(f => f.NodeId != node)).ToList();
        if (removed.Count > 0)
        {
            message += $" The share{(removed.Count == 1 ? string.Empty : "s")} stored on {string.Join(", ", removed)} "
                + $"{(removed.Count == 1 ? "was" : "were")} deleted again.";
        }

        if (rollBack.Count > 0)
        {
            message += $" Deleting its share again failed: {NodeFailures.Summarize(rollBack)}; delete the key once "
                + $"{(rollBack.Count == 1 ? "that node answers" : "those nodes answer")}.";
        }

        if (alreadyPresent.Count > 0)
        {
            message += $" {string.Join(", ", alreadyPresent)} already held its share from an earlier attempt and keep{(alreadyPresent.Count == 1 ? "s" : string.Empty)} it.";
        }

        return message + Advice(failures, "register");
    }

    /// <summary>What to do, for the causes that have one obvious remedy; empty otherwise.</summary>
    private static string Advice(IReadOnlyList<NodeFailure> failures, string action)
    {
        var kinds = failures.Select(f => f.Kind).ToHashSet();
        var advice = new List<string>();
        if (kinds.Contains(NodeFailureKind.PermissionDenied))
        {
            advice.Add(action == "get"
                ? "If you should have access, ask the key's owner to grant you the get-share permission (g)."
                : "Ask the nodes' administrators for the creator role, or register with a credential that holds it.");
        }

        if (kinds.Contains(NodeFailureKind.Unauthenticated))
        {
            advice.Add("Check your credential: a proxy that has not expired, its VOMS attributes, and a CA the nodes trust.");
        }

        if (action == "get" && failures.All(f => f.Kind == NodeFailureKind.NotFound))
        {
            advice.Add("Check the key id: a deleted key is gone.");
        }

        if (kinds.Overlaps([NodeFailureKind.Unavailable, NodeFailureKind.ConnectionFailed, NodeFailureKind.DeadlineExceeded, NodeFailureKind.ResourceExhausted]))
        {
            advice.Add("Retry when more nodes answer.");
        }

        return advice.Count == 0 ? string.Empty : " " + string.Join(" ", advice);
    }

    private static string Shares(int count) => count == 1 ? "1 share" : $"{count} shares";
}

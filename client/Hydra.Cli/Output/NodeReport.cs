using Hydra.Cluster;

namespace Hydra.Cli.Output;

/// <summary>Human lines about nodes that failed or misbehaved during a command.</summary>
internal static class NodeReport
{
    public static void Warn(CommandOutput output, IEnumerable<NodeFailure> failures)
    {
        foreach (var failure in failures)
        {
            output.Warning($"node {failure.NodeId}: {failure.Kind}: {failure.Message}");
        }
    }

    /// <summary>Every node that did not contribute to a rebuilt key: those that failed, and those that sent a bad share.</summary>
    public static void WarnFetched(CommandOutput output, FetchedKey key)
    {
        Warn(output, key.Failed);
        WarnBad(output, key.BadNodes);
    }

    public static void WarnBad(CommandOutput output, IEnumerable<string> badNodes)
    {
        foreach (var node in badNodes)
        {
            output.Warning($"node {node} sent a corrupt or forged share; the key was rebuilt from other nodes. Repair that node.");
        }
    }
}

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

    public static void WarnBad(CommandOutput output, IEnumerable<string> badNodes)
    {
        foreach (var node in badNodes)
        {
            output.Warning($"node {node} sent a corrupt or forged share; the key was rebuilt from other nodes. Repair that node.");
        }
    }
}

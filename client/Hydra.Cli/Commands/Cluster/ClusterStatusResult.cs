namespace Hydra.Cli.Commands.Cluster;

/// <summary>The JSON result of <c>hydra cluster status</c>.</summary>
internal sealed record ClusterStatusResult(int Threshold, int WriteQuorum, int Reachable, bool KeysReadable, IReadOnlyList<NodeStatusDocument> Nodes);

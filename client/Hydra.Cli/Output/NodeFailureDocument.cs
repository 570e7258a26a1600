using Hydra.Cluster;

namespace Hydra.Cli.Output;

/// <summary>One node's failure in a JSON result.</summary>
internal sealed record NodeFailureDocument(string Node, string Status, string Message)
{
    public static List<NodeFailureDocument> From(IEnumerable<NodeFailure> failures) =>
        [.. failures.Select(f => new NodeFailureDocument(f.NodeId, f.Kind.ToString(), f.Message))];
}

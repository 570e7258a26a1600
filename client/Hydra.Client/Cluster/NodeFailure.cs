namespace Hydra.Client.Cluster;

/// <summary>Why one node did not do what was asked: its gRPC status and message, or the connection error.</summary>
public sealed record NodeFailure(string NodeId, string Status, string Message)
{
    public override string ToString() => $"{NodeId}: {Status}: {Message}";
}

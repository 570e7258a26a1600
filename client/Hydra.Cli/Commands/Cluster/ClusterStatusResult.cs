using Hydra.Cli.Tokens;

namespace Hydra.Cli.Commands.Cluster;

/// <summary>The JSON result of <c>hydra cluster status</c>; <see cref="Token"/> is set when a bearer token names the caller.</summary>
internal sealed record ClusterStatusResult(
    int Threshold, int WriteQuorum, int Reachable, bool KeysReadable, IReadOnlyList<NodeStatusDocument> Nodes, TokenDocument? Token = null);

/// <summary>Where the bearer token in use came from and when it expires (a JWT's <c>exp</c>); never the token.</summary>
internal sealed record TokenDocument(string Source, DateTimeOffset? ExpiresAt)
{
    public static TokenDocument? From(DiscoveredToken? token) => token is null ? null : new(token.Source, token.ExpiresAt);
}

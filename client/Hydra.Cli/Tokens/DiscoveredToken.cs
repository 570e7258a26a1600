namespace Hydra.Cli.Tokens;

/// <summary>
/// A bearer token and where it was found (<c>$BEARER_TOKEN</c>, or a file's path and the rule that named it).
/// <see cref="ToString"/> leaves the token out, so it cannot reach a message or a log by accident.
/// </summary>
internal sealed record DiscoveredToken(string Token, string Source, DateTimeOffset? ExpiresAt)
{
    public override string ToString() => $"bearer token from {Source}";
}

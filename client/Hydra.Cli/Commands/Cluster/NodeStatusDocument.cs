namespace Hydra.Cli.Commands.Cluster;

/// <summary>
/// One node in <c>hydra cluster status --json</c>; an unreachable node has <see cref="Error"/> and <see cref="Status"/>,
/// the <c>NodeFailureKind</c> name (<c>Untrusted</c> when its certificate was refused).
/// </summary>
internal sealed record NodeStatusDocument(
    string Id,
    string Endpoint,
    bool Reachable,
    double RoundTripMilliseconds,
    string? Version,
    long Keys,
    long AuditLength,
    string? AuditHead,
    string? CallerSubject,
    IReadOnlyList<string>? CallerFqans,
    IReadOnlyList<string>? CallerRoles,
    string? Error,
    string? Status = null);

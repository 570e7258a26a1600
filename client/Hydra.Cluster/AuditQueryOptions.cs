namespace Hydra.Cluster;

/// <summary>Filters of an audit query; unset fields match everything.</summary>
public sealed record AuditQueryOptions
{
    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? KeyId { get; init; }

    public string? Subject { get; init; }

    /// <summary><c>allowed</c>, <c>denied</c> or <c>failed</c>.</summary>
    public string? Outcome { get; init; }

    /// <summary>Start at this sequence number (records before it are skipped without being read).</summary>
    public long FromSequence { get; init; }

    /// <summary>At most this many records per node; 0 for all.</summary>
    public long Limit { get; init; }
}

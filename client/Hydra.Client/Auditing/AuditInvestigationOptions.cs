using Hydra.Audit;
namespace Hydra.Client.Auditing;

/// <summary>What an investigation reads, verifies and shows.</summary>
public sealed record AuditInvestigationOptions
{
    /// <summary>The nodes whose trails are read and verified; empty for every node of the cluster (the default).</summary>
    public IReadOnlyList<string> Nodes { get; init; } = [];

    /// <summary>The records listed and summarised. Default: all.</summary>
    public AuditSelection Selection { get; init; } = new();

    /// <summary>The rules behind the flags. Default: see <see cref="AuditAnalysisOptions"/>.</summary>
    public AuditAnalysisOptions Analysis { get; init; } = new();

    /// <summary>
    /// When set with <see cref="AuditSelection.From"/>, each trail is read from the newest checkpoint made at or before
    /// that time which a peer witnessed and nothing contradicts, instead of from record 1: records before it are not read
    /// (their integrity up to the checkpoint is what the checkpoint proves). Default false: whole trails.
    /// </summary>
    public bool StartAtWitnessedCheckpoint { get; init; }

    /// <summary>
    /// Which principals are one person's: summaries, flags and records group a person's linked principals under their
    /// name. Default null: no links, every principal stands alone (principals are never grouped by look-alike names).
    /// </summary>
    public IdentityLinks? Identities { get; init; }

    /// <summary>At most this many records in the report's timeline (the newest); 0 for all (the default).</summary>
    public int Limit { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming every value out of range.</summary>
    public void Validate()
    {
        Analysis.Validate();
        if (Limit < 0)
        {
            throw new ArgumentException($"The record limit must be 0 (all) or more; it is {Limit}.");
        }

        if (Selection.From is { } from && Selection.To is { } to && to <= from)
        {
            throw new ArgumentException($"The time range is empty: {to:O} is not after {from:O}.");
        }

        if (Selection.Outcome is { Length: > 0 } outcome && outcome is not (AuditEntry.Allowed or AuditEntry.Denied or AuditEntry.Failed))
        {
            throw new ArgumentException($"The outcome must be allowed, denied or failed; it is '{outcome}'.");
        }
    }
}

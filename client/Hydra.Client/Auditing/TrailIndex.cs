using Hydra.Audit;
namespace Hydra.Client.Auditing;

/// <summary>One node's trail as read, looked up by sequence number.</summary>
internal sealed class TrailIndex
{
    private readonly Dictionary<long, AuditEntry> _bySequence = [];

    public TrailIndex(IEnumerable<AuditEntry> trail, long firstSequence)
    {
        FirstSequence = firstSequence;
        LastSequence = firstSequence - 1;
        foreach (var entry in trail)
        {
            // A sequence that appears twice keeps its first record; the chain check reports the repeat.
            _bySequence.TryAdd(entry.Sequence, entry);
            LastSequence = Math.Max(LastSequence, entry.Sequence);
        }
    }

    /// <summary>The first sequence number asked for.</summary>
    public long FirstSequence { get; }

    /// <summary>The highest sequence number read (<see cref="FirstSequence"/> - 1 when nothing was read).</summary>
    public long LastSequence { get; }

    public AuditEntry? Find(long sequence) => _bySequence.GetValueOrDefault(sequence);
}

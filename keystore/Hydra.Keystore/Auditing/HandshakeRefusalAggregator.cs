using System.Globalization;
using Hydra.Grid.Tls;

namespace Hydra.Keystore.Auditing;

/// <summary>
/// Counts refused connections per peer address and reason until drained, keeping the first and last time of each.
/// Memory is bounded: past <see cref="MaxPairs"/> distinct pairs in one interval, further pairs are counted together
/// in one overflow tally, so a flood from many addresses costs a fixed amount of memory and of audit records.
/// </summary>
internal sealed class HandshakeRefusalAggregator
{
    /// <summary>Most distinct peer address and reason pairs tallied (and audited) per interval.</summary>
    public const int MaxPairs = 256;

    private readonly Dictionary<(string Peer, HandshakeRefusalReason Reason), RefusalTally> _tallies = [];
    private RefusalTally? _overflow;

    public void Add(HandshakeRefusal refusal, DateTimeOffset at)
    {
        var key = (refusal.PeerAddress, refusal.Reason);
        lock (_tallies)
        {
            if (_tallies.TryGetValue(key, out var tally))
            {
                _tallies[key] = tally.Add(at);
            }
            else if (_tallies.Count < MaxPairs)
            {
                _tallies[key] = new RefusalTally(refusal.PeerAddress, refusal.Reason, 1, at, at);
            }
            else
            {
                _overflow = _overflow?.Add(at) ?? new RefusalTally(RefusalTally.OverflowPeer, null, 1, at, at);
            }
        }
    }

    /// <summary>The tallies since the last drain (first refused first, the overflow last), and starts afresh.</summary>
    public IReadOnlyList<RefusalTally> Drain()
    {
        lock (_tallies)
        {
            List<RefusalTally> drained = [.. _tallies.Values.OrderBy(t => t.First)];
            if (_overflow is not null)
            {
                drained.Add(_overflow);
            }

            _tallies.Clear();
            _overflow = null;
            return drained;
        }
    }
}

/// <summary>Refused connections from one peer address for one reason, or (no reason) the overflow beyond the cap.</summary>
internal sealed record RefusalTally(string PeerAddress, HandshakeRefusalReason? Reason, long Count, DateTimeOffset First, DateTimeOffset Last)
{
    /// <summary>The peer of the overflow tally, which stands for many addresses.</summary>
    public const string OverflowPeer = "*";

    public RefusalTally Add(DateTimeOffset at) =>
        this with { Count = Count + 1, First = at < First ? at : First, Last = at > Last ? at : Last };

    /// <summary>The audit record's reason: what, how many, and when (FORMAT.md, section 1).</summary>
    public string AuditReason()
    {
        var tally = $"count={Count} first={Time(First)} last={Time(Last)}";
        return Reason is { } reason
            ? $"{reason}: {tally}"
            : $"Overflow (peer addresses beyond the first {HandshakeRefusalAggregator.MaxPairs} of the interval): {tally}";
    }

    private static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

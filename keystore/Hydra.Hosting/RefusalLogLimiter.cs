using Hydra.Grid.Tls;

namespace Hydra.Hosting;

/// <summary>
/// Decides which refusals are logged: at most one line per peer address and reason per interval, the next line
/// telling how many were held back. Memory is bounded: at most <see cref="MaxKeys"/> pairs are tracked; beyond that
/// (a flood from many addresses) refusals are held back and counted together until the table frees up.
/// </summary>
internal sealed class RefusalLogLimiter
{
    /// <summary>Most peer address and reason pairs tracked at once.</summary>
    public const int MaxKeys = 1024;

    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Dictionary<(string Peer, HandshakeRefusalReason Reason), Window> _windows = [];
    private long _overflow;

    public RefusalLogLimiter(TimeProvider time, TimeSpan interval)
    {
        _time = time;
        _interval = interval;
    }

    /// <summary>
    /// Whether to log <paramref name="refusal"/>; if so, <paramref name="suppressed"/> is how many refusals were held
    /// back since the last line for the same pair (plus those of untracked pairs, when the table was full).
    /// </summary>
    public bool ShouldLog(HandshakeRefusal refusal, out long suppressed)
    {
        var now = _time.GetUtcNow();
        var key = (refusal.PeerAddress, refusal.Reason);
        lock (_windows)
        {
            if (_windows.TryGetValue(key, out var window) && now - window.Start < _interval)
            {
                window.Suppressed++;
                suppressed = 0;
                return false;
            }

            if (window is null && _windows.Count >= MaxKeys && !Prune(now))
            {
                _overflow++;
                suppressed = 0;
                return false;
            }

            suppressed = (window?.Suppressed ?? 0) + _overflow;
            _overflow = 0;
            _windows[key] = new Window(now);
            return true;
        }
    }

    /// <summary>Drops pairs whose interval is over; true when that made room.</summary>
    private bool Prune(DateTimeOffset now)
    {
        foreach (var (key, window) in _windows.Where(pair => now - pair.Value.Start >= _interval).ToList())
        {
            // Their held-back counts go to the next line, so no refusal disappears from the logs uncounted.
            _overflow += window.Suppressed;
            _windows.Remove(key);
        }

        return _windows.Count < MaxKeys;
    }

    private sealed class Window(DateTimeOffset start)
    {
        public DateTimeOffset Start { get; } = start;

        public long Suppressed { get; set; }
    }
}

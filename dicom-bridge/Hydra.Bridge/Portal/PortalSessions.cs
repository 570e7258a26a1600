using System.Collections.Concurrent;
using System.Security.Cryptography;
using Hydra.Bridge.Options;

namespace Hydra.Bridge.Portal;

/// <summary>
/// The sessions signed in and not logged out, by random id. A cookie is only honoured while its id is here, so logout
/// ends it even if the browser (or a thief) replays the old cookie before it expires. Held in memory: a restart signs
/// everyone out, which a 15-minute session can afford.
/// </summary>
internal sealed class PortalSessions
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _live = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public PortalSessions(BridgeOptions options, TimeProvider time)
    {
        _time = time;
        _lifetime = TimeSpan.FromMinutes(options.Portal.SessionMinutes);
    }

    public TimeSpan Lifetime => _lifetime;

    /// <summary>Starts a session; returns its id (128 random bits, no meaning).</summary>
    public string Start()
    {
        var now = _time.GetUtcNow();
        foreach (var (id, expires) in _live)
        {
            // Expired sessions are dropped as new ones start, so the table stays bounded by the sign-in rate.
            if (expires <= now)
            {
                _live.TryRemove(id, out _);
            }
        }

        var sessionId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _live[sessionId] = now + _lifetime;
        return sessionId;
    }

    public bool IsLive(string? sessionId) =>
        sessionId is not null && _live.TryGetValue(sessionId, out var expires) && expires > _time.GetUtcNow();

    public void End(string? sessionId)
    {
        if (sessionId is not null)
        {
            _live.TryRemove(sessionId, out _);
        }
    }
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using Hydra.Bridge.Options;
using Hydra.Bridge.Readers;

namespace Hydra.Bridge.Portal;

/// <summary>
/// The sessions signed in and not logged out, by random id. A cookie is only honoured while its id is here, so logout
/// ends it even if the browser (or a thief) replays the old cookie before it expires. Held in memory: a restart signs
/// everyone out, which a 15-minute session can afford. A reader's session also holds the reader and their access
/// token, here only (never in the cookie), and ends when the token expires.
/// </summary>
internal sealed class PortalSessions
{
    private readonly ConcurrentDictionary<string, Live> _live = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public PortalSessions(BridgeOptions options, TimeProvider time)
    {
        _time = time;
        _lifetime = TimeSpan.FromMinutes(options.Portal.SessionMinutes);
    }

    /// <summary>Starts a patient's session; returns its id (128 random bits, no meaning).</summary>
    public string Start() => Add(_time.GetUtcNow() + _lifetime, reader: null);

    /// <summary>Starts a reader's session, which ends with their token; returns its id and when it ends.</summary>
    public (string SessionId, DateTimeOffset Expires) Start(ReaderCaller reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var limit = _time.GetUtcNow() + _lifetime;
        var expires = reader.Identity.NotAfter < limit ? reader.Identity.NotAfter : limit;
        return (Add(expires, reader), expires);
    }

    public bool IsLive(string? sessionId) => Find(sessionId) is not null;

    /// <summary>The reader of a live reader session, or null (a patient's session, or none).</summary>
    public ReaderCaller? Reader(string? sessionId) => Find(sessionId)?.Reader;

    public void End(string? sessionId)
    {
        if (sessionId is not null)
        {
            _live.TryRemove(sessionId, out _);
        }
    }

    private string Add(DateTimeOffset expires, ReaderCaller? reader)
    {
        var now = _time.GetUtcNow();
        foreach (var (id, live) in _live)
        {
            // Expired sessions (and the tokens they hold) are dropped as new ones start, so the table stays bounded by the sign-in rate.
            if (live.Expires <= now)
            {
                _live.TryRemove(id, out _);
            }
        }

        var sessionId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _live[sessionId] = new Live(expires, reader);
        return sessionId;
    }

    private Live? Find(string? sessionId) =>
        sessionId is not null && _live.TryGetValue(sessionId, out var live) && live.Expires > _time.GetUtcNow() ? live : null;

    /// <summary>A session's end, and its reader (whose credential prints as "bearer token", never the token).</summary>
    private sealed record Live(DateTimeOffset Expires, ReaderCaller? Reader);
}

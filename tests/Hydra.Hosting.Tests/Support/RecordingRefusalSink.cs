using Hydra.Grid.Tls;
using Hydra.Testing;

namespace Hydra.Hosting.Tests.Support;

/// <summary>Keeps the refusals a host reports, and lets a test wait for one.</summary>
internal sealed class RecordingRefusalSink : IHandshakeRefusalSink
{
    private readonly List<HandshakeRefusal> _refusals = [];
    private readonly SemaphoreSlim _arrived = new(0);

    public IReadOnlyList<HandshakeRefusal> Refusals
    {
        get
        {
            lock (_refusals)
            {
                return [.. _refusals];
            }
        }
    }

    public void Refused(HandshakeRefusal refusal)
    {
        lock (_refusals)
        {
            _refusals.Add(refusal);
        }

        _arrived.Release();
    }

    /// <summary>Waits (bounded) for the next refusal reported after those already taken.</summary>
    public async Task<HandshakeRefusal> NextAsync(int index)
    {
        await _arrived.WaitAsync().DefaultTimeout();
        return Refusals[index];
    }
}

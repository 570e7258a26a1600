using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Hydra.Bridge.Tests.Ingest;

/// <summary>
/// A fake clock that reports each timer the code under test arms, so a test advances the clock only once something
/// waits on it (otherwise a timer armed after the advance would start from the later time).
/// </summary>
internal sealed class ObservedTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _armed.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits until a timer due after <paramref name="dueTime"/> is armed (timers due otherwise are passed over).</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        while (await _armed.Reader.ReadAsync() != dueTime)
        {
        }
    }
}

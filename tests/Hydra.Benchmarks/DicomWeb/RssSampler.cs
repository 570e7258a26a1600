namespace Hydra.Benchmarks.DicomWeb;

/// <summary>Samples a process's resident set every few milliseconds until disposed; keeps the highest sample.</summary>
public sealed class RssSampler : IAsyncDisposable
{
    private readonly int _processId;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public RssSampler(int processId, TimeSpan interval)
    {
        _processId = processId;
        _sampling = SampleAsync(interval);
    }

    /// <summary>Highest VmRSS sampled so far, in bytes.</summary>
    public long Peak { get; private set; }

    public int Samples { get; private set; }

    private async Task SampleAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            Peak = Math.Max(Peak, ProcessMemory.Read(_processId).Rss);
            Samples++;
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Stops sampling after one last sample.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        Peak = Math.Max(Peak, ProcessMemory.Read(_processId).Rss);
        _stop.Dispose();
    }
}

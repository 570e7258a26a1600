using System.Diagnostics;

namespace Hydra.Benchmarks.Dicom;

/// <summary>
/// Runs an action repeatedly for a fixed time, as pydicom_bench.py does, and reports runs per second. The warm-up
/// lasts long enough for tiered compilation to reach optimised code (Python has no JIT to wait for).
/// </summary>
public static class RateMeter
{
    public static double PerSecond(TimeSpan duration, Action action)
    {
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(Math.Min(1, duration.TotalSeconds / 2)))
        {
            action();
        }

        GC.Collect();
        var done = 0;
        var clock = Stopwatch.StartNew();
        do
        {
            action();
            done++;
        }
        while (clock.Elapsed < duration);

        return done / clock.Elapsed.TotalSeconds;
    }
}

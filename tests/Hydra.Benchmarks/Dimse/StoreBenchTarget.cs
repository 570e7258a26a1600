using System.Diagnostics;

namespace Hydra.Benchmarks.Dimse;

/// <summary>One receiver of the C-STORE bench, with the CPU time of the process that serves it.</summary>
public sealed record StoreBenchTarget(string Name, string AeTitle, int Port, Func<TimeSpan> ProcessorTime)
{
    /// <summary>The bench process's own CPU time, for receivers that run inside it.</summary>
    public static TimeSpan ThisProcessorTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }
}

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>What else runs on the machine: rates on 2 shared cores move with it, so every bench prints it.</summary>
public static class BenchLoad
{
    /// <summary>The 1/5/15-minute load averages.</summary>
    public static string Average() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static void Print(string when) =>
        Console.WriteLine($"load average {when}: {Average()} ({Environment.ProcessorCount} cores)");
}

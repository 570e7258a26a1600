using System.Globalization;

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>A process's resident memory from <c>/proc/PID/status</c> (Linux).</summary>
public static class ProcessMemory
{
    /// <summary>VmRSS (resident now) and VmHWM (the kernel's own peak of it since the start), in bytes.</summary>
    public static (long Rss, long PeakRss) Read(int processId)
    {
        var (rss, peak) = (0L, 0L);
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kibibytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kibibytes(line);
            }
        }

        return (rss, peak);
    }

    // "VmRSS:	  123456 kB"
    private static long Kibibytes(string line) =>
        long.Parse(line.Split(' ', '\t').Where(s => s.Length > 0).ElementAt(1), CultureInfo.InvariantCulture) * 1024;
}

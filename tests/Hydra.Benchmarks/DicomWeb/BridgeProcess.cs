using System.Diagnostics;
using Hydra.Bridge.Options;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>
/// The built bridge (<c>dotnet Hydra.Bridge.dll</c>, its own runtimeconfig: server GC as deployed) run as its own
/// process on a <see cref="TestBridge"/>'s data folder, so its memory and CPU are its own and not the
/// bench client's. TestBridge's child mode does not say its reader port, which DICOMweb needs, hence this launcher.
/// </summary>
public sealed class BridgeProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _errors = [];

    private BridgeProcess(Process process, int readerPort, int dicomPort)
    {
        _process = process;
        ReaderPort = readerPort;
        DicomPort = dicomPort;
    }

    public int ReaderPort { get; }

    public int DicomPort { get; }

    public int Id => _process.Id;

    public TimeSpan ProcessorTime => ProcessProbes.ProcessorTime(_process);

    /// <summary>Starts the bridge with <paramref name="options"/>, on fresh ports, and waits until its reader endpoint listens.</summary>
    public static async Task<BridgeProcess> StartAsync(BridgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DicomPort = FreePort.Next();
        options.DicomTlsPort = FreePort.Next();
        options.ReaderPort = FreePort.Next();
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hydra.Bridge.dll"));
        foreach (var (key, value) in TestBridge.CommandLine(options))
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start)!;
        var bridge = new BridgeProcess(process, options.ReaderPort, options.DicomPort);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => bridge.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ProcessProbes.WaitUntilListeningAsync(process, options.ReaderPort, TimeSpan.FromSeconds(60), bridge.Describe);
            await ProcessProbes.WaitUntilListeningAsync(process, options.DicomPort, TimeSpan.FromSeconds(60), bridge.Describe);
            return bridge;
        }
        catch
        {
            bridge.Dispose();
            throw;
        }
    }

    /// <summary>Resident set size now and its peak so far (VmRSS, VmHWM in /proc), in bytes.</summary>
    public (long Rss, long PeakRss) Memory() => ProcessMemory.Read(_process.Id);

    private void Remember(string? line)
    {
        if (line is not null)
        {
            lock (_errors)
            {
                _errors.Add(line);
            }
        }
    }

    private string Describe()
    {
        lock (_errors)
        {
            return $"Hydra.Bridge.dll ({string.Join('\n', _errors)})";
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}

using System.Diagnostics;
using System.Net.Sockets;

namespace Hydra.Testing;

/// <summary>
/// A built Hydra program (a .dll next to the tests) run as its own process, so a test can SIGKILL it and prove that
/// everything it acknowledged survives.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _errors = [];

    private ChildProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Starts <paramref name="dll"/> with <c>--key=value</c> arguments and waits until it accepts TCP on <paramref name="port"/>.</summary>
    public static async Task<ChildProcess> StartAsync(string dll, IEnumerable<(string Key, string Value)> settings, int port)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start)!;
        var child = new ChildProcess(process);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => child.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await child.WaitUntilListeningAsync(dll, port);
            return child;
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

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

    private async Task WaitUntilListeningAsync(string dll, int port)
    {
        var deadline = DateTime.UtcNow + TaskTimeoutExtensions.DefaultTimeoutSpan;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                lock (_errors)
                {
                    throw new InvalidOperationException($"{dll} exited with code {_process.ExitCode}: {string.Join('\n', _errors)}");
                }
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"{dll} did not listen on port {port}.");
    }

    /// <summary>CPU time the process has used so far (user and system, all threads).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or power cut of the process.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }
}

using System.Diagnostics;

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

    /// <summary>
    /// Starts <paramref name="dll"/> with <c>--key=value</c> arguments and waits until it accepts TCP on <paramref name="port"/>.
    /// With <paramref name="umask"/> (octal, e.g. <c>022</c>) it runs under that umask, set by <c>/bin/sh</c> before the
    /// exec, whatever this process's own umask is.
    /// </summary>
    public static async Task<ChildProcess> StartAsync(string dll, IEnumerable<(string Key, string Value)> settings, int port, string? umask = null)
    {
        var start = new ProcessStartInfo(umask is null ? "dotnet" : "/bin/sh") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (umask is not null)
        {
            // $0 is the umask, "$@" the program and its arguments, so no value is ever parsed by the shell.
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("umask \"$0\" && exec dotnet \"$@\"");
            start.ArgumentList.Add(umask);
        }

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

    private Task WaitUntilListeningAsync(string dll, int port) =>
        ProcessProbes.WaitUntilListeningAsync(_process, port, TaskTimeoutExtensions.DefaultTimeoutSpan, () =>
        {
            lock (_errors)
            {
                return $"{dll} ({string.Join('\n', _errors)})";
            }
        });

    /// <summary>CPU time the process has used so far (user and system, all threads).</summary>
    public TimeSpan ProcessorTime => ProcessProbes.ProcessorTime(_process);

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

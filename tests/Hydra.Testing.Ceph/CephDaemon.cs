using System.Diagnostics;

namespace Hydra.Testing.Ceph;

/// <summary>One Ceph daemon in the foreground (<c>-f</c>), its output in a file; killed (SIGKILL) on dispose.</summary>
internal sealed class CephDaemon : IDisposable
{
    private readonly Process _process;

    private CephDaemon(Process process, string outputFile)
    {
        _process = process;
        OutputFile = outputFile;
    }

    public string OutputFile { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited || CephProcesses.IsGone(_process.Id);

    /// <summary>Starts <paramref name="program"/> through <c>sh -c exec</c>, so its output goes straight to <paramref name="outputFile"/>.</summary>
    public static CephDaemon Start(string program, IEnumerable<string> arguments, string outputFile)
    {
        var command = "exec " + string.Join(' ', new[] { program }.Concat(arguments).Select(Quote)) + " > " + Quote(outputFile) + " 2>&1";
        var startInfo = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        startInfo.ArgumentList.Add("-c");
        startInfo.ArgumentList.Add(command);
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{program} did not start.");
        return new CephDaemon(process, outputFile);
    }

    /// <summary>SIGKILL, then waits (at most 10 s) until the process is gone or a zombie.</summary>
    public async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    public Task WaitUntilListeningAsync(int port, TimeSpan timeout, Func<string> describe) =>
        ProcessProbes.WaitUntilListeningAsync(_process, port, timeout, describe);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

using System.Diagnostics;
using System.Net.Sockets;

namespace Hydra.Testing;

/// <summary>What tests ask of a process they started: is it listening yet, and how much CPU has it used.</summary>
public static class ProcessProbes
{
    /// <summary>
    /// Waits until <paramref name="process"/> accepts TCP connections on <paramref name="port"/>; throws as soon as it
    /// exits (with <paramref name="describe"/>'s account of why) or when <paramref name="timeout"/> passes.
    /// </summary>
    public static async Task WaitUntilListeningAsync(Process process, int port, TimeSpan timeout, Func<string> describe)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{describe()} exited with code {process.ExitCode}.");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException($"{describe()} did not listen on port {port} within {timeout.TotalSeconds:N0} s.");
    }

    /// <summary>CPU time <paramref name="process"/> has used so far (user and system, all threads).</summary>
    public static TimeSpan ProcessorTime(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }
}

using System.Diagnostics;
using System.Net.Sockets;
using Hydra.Keystore.Options;

namespace Hydra.Testing;

/// <summary>
/// A keystore node run as a separate process (the built Hydra.Keystore.dll), so a test can kill it with SIGKILL and
/// prove that every acknowledged write survives.
/// </summary>
public sealed class ChildNode : IDisposable
{
    private readonly Process _process;

    private ChildNode(Process process)
    {
        _process = process;
    }

    public static async Task<ChildNode> StartAsync(KeystoreOptions options)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Hydra.Keystore.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var (key, value) in Arguments(options))
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilListeningAsync(process, options.Port);
        return new ChildNode(process);
    }

    private static IEnumerable<(string Key, string Value)> Arguments(KeystoreOptions options)
    {
        yield return ("Keystore:NodeId", options.NodeId);
        yield return ("Keystore:ListenAddress", options.ListenAddress);
        yield return ("Keystore:Port", options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("Keystore:DataFile", options.DataFile);
        yield return ("Keystore:HostCertificate", options.HostCertificate);
        yield return ("Keystore:HostKey", options.HostKey);
        yield return ("Keystore:TrustDirectory", options.TrustDirectory);
        yield return ("Keystore:VomsDirectory", options.VomsDirectory);
        for (var i = 0; i < options.Roles.Creators.Count; i++)
        {
            yield return ($"Keystore:Roles:Creators:{i}", options.Roles.Creators[i]);
        }

        yield return ("Logging:LogLevel:Default", "Warning");
    }

    private static async Task WaitUntilListeningAsync(Process process, int port)
    {
        var deadline = DateTime.UtcNow + TaskTimeoutExtensions.DefaultTimeoutSpan;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The keystore child process exited with code {process.ExitCode}.");
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

        throw new TimeoutException($"The keystore child process did not listen on port {port}.");
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

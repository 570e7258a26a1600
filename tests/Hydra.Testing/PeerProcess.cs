using System.Diagnostics;
using System.Text;

namespace Hydra.Testing;

/// <summary>A long-running peer (storescp, Orthanc) started by a test, with TCP_NODELAY=1; killed on dispose.</summary>
public sealed class PeerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PeerProcess(Process process) => _process = process;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static PeerProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["TCP_NODELAY"] = "1";
        var peer = new PeerProcess(new Process { StartInfo = startInfo });
        peer._process.OutputDataReceived += (_, e) => peer.Append(e.Data);
        peer._process.ErrorDataReceived += (_, e) => peer.Append(e.Data);
        peer._process.Start();
        peer._process.BeginOutputReadLine();
        peer._process.BeginErrorReadLine();
        return peer;
    }

    /// <summary>CPU time the peer has used so far (user and system, all threads).</summary>
    public TimeSpan ProcessorTime => ProcessProbes.ProcessorTime(_process);

    /// <summary>Waits until the peer accepts TCP connections on <paramref name="port"/>.</summary>
    public Task WaitForPortAsync(int port) =>
        ProcessProbes.WaitUntilListeningAsync(_process, port, TimeSpan.FromSeconds(15), () => $"The peer {_process.StartInfo.FileName} ({Output})");

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

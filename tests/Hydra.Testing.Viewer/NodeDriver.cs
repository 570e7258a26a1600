using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Hydra.Testing;

namespace Hydra.Testing.Viewer;

/// <summary>Runs one of the interop scripts under node with its options file; the script's last output line is its JSON result.</summary>
internal static class NodeDriver
{
    public static async Task<T> RunAsync<T>(
        string node, string interop, string script, string optionsPath, string what, TimeSpan limit, JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = interop,
        };
        startInfo.ArgumentList.Add(Path.Combine(interop, script));
        startInfo.ArgumentList.Add(optionsPath);
        using var process = Process.Start(startInfo)!;
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).TimeoutAfter(limit);
            await process.WaitForExitAsync(cancellationToken).DefaultTimeout();
            var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (process.ExitCode != 0 || line is null)
            {
                lock (errors)
                {
                    throw new InvalidOperationException($"The {what} exited with code {process.ExitCode}: {errors}");
                }
            }

            return JsonSerializer.Deserialize<T>(line, json)!;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using Hydra.Testing;

namespace Hydra.Benchmarks.Dicom;

/// <summary>Runs Dicom/pydicom_bench.py on the bench files with a Python that imports pydicom (Debian python3-pydicom).</summary>
public static class PydicomBench
{
    public static string FindPython()
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            var path = Peers.Find(candidate);
            if (path is not null && ProcessRunner.RunAsync(path, ["-c", "import pydicom"]).GetAwaiter().GetResult().ExitCode == 0)
            {
                return path;
            }
        }

        throw new PeerMissingException("No python3 can import pydicom (Debian package 'python3-pydicom'). Run 'bash .ci/setup.sh' first.");
    }

    public static string CtSmallPath(string python)
    {
        var result = ProcessRunner.RunAsync(python,
            ["-c", "import pydicom, os; print(os.path.join(os.path.dirname(pydicom.__file__), 'data', 'test_files', 'CT_small.dcm'))"])
            .GetAwaiter().GetResult();
        return result.ExitCode == 0 ? result.StandardOutput.Trim() : throw new InvalidOperationException(result.Output);
    }

    /// <summary>files/s per (file, mode) as pydicom achieves them.</summary>
    public static async Task<Dictionary<(string File, string Mode), double>> RunAsync(string python, TimeSpan duration,
        IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Dicom", "pydicom_bench.py");
        var seconds = duration.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        var timeout = TimeSpan.FromSeconds((duration.TotalSeconds * 4 * files.Count * 3) + 120);
        var result = await ProcessRunner.RunAsync(python, [script, seconds, .. files], timeout: timeout).WaitAsync(cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"pydicom_bench.py failed: {result.Output}");
        }

        var rates = new Dictionary<(string, string), double>();
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var row = JsonNode.Parse(line)!;
            rates[((string)row["file"]!, (string)row["mode"]!)] = (double)row["files_per_second"]!;
        }

        return rates;
    }
}

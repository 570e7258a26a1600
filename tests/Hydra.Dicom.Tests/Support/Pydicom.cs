using System.Text.Json.Nodes;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Support;

/// <summary>
/// The pydicom peer (Debian python3-pydicom): finds a Python that imports it, its test corpus, and runs
/// Interop/pydicom_dump.py once per test run for the whole corpus.
/// </summary>
public static class Pydicom
{
    private static readonly Lazy<string> LazyPython = new(FindPython);
    private static readonly Lazy<string> LazyDataDirectory = new(() => RunPython("-c", "import pydicom, os; print(os.path.dirname(pydicom.__file__))").Trim());
    private static readonly Lock Gate = new();
    private static Task<IReadOnlyDictionary<string, JsonObject>>? _corpus;

    /// <summary>A Python 3 interpreter that can import pydicom.</summary>
    public static string Python => LazyPython.Value;

    /// <summary>pydicom's package folder, as pydicom reports it.</summary>
    public static string PackageDirectory => LazyDataDirectory.Value;

    /// <summary>Every corpus file as "folder/name.dcm" (test_files and charset_files).</summary>
    public static IEnumerable<string> CorpusFiles() =>
        new[] { "test_files", "charset_files" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(PackageDirectory, "data", folder), "*.dcm")
                .Select(path => folder + "/" + Path.GetFileName(path)))
            .Order(StringComparer.Ordinal);

    /// <summary>The full path of a corpus file given as "folder/name.dcm".</summary>
    public static string CorpusPath(string label) => Path.Combine(PackageDirectory, "data", label);

    /// <summary>pydicom's canonical dump of every corpus file, keyed by "folder/name.dcm".</summary>
    public static Task<IReadOnlyDictionary<string, JsonObject>> CorpusAsync()
    {
        lock (Gate)
        {
            return _corpus ??= Task.Run(DumpCorpus);
        }
    }

    /// <summary>pydicom's canonical dump of the given files, in order (one Python run).</summary>
    public static async Task<IReadOnlyList<JsonObject>> DumpAsync(IEnumerable<string> paths)
    {
        var result = await ProcessRunner.RunAsync(Python, [ScriptPath, .. paths]).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"pydicom_dump.py failed: {result.Output}");
        }

        return ParseLines(result.StandardOutput);
    }

    private static string ScriptPath => Path.Combine(AppContext.BaseDirectory, "Interop", "pydicom_dump.py");

    private static async Task<IReadOnlyDictionary<string, JsonObject>> DumpCorpus()
    {
        var result = await ProcessRunner.RunAsync(Python, [ScriptPath]).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"pydicom_dump.py failed: {result.Output}");
        }

        return ParseLines(result.StandardOutput).ToDictionary(o => (string)o["file"]!, StringComparer.Ordinal);
    }

    private static List<JsonObject> ParseLines(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToList();

    // The Debian package installs pydicom for the system interpreter; a python3 earlier on PATH (pyenv) may lack it.
    private static string FindPython()
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

    private static string RunPython(params string[] arguments)
    {
        var result = ProcessRunner.RunAsync(Python, arguments).GetAwaiter().GetResult();
        return result.ExitCode == 0 ? result.StandardOutput : throw new InvalidOperationException(result.Output);
    }
}

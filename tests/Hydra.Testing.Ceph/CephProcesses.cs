namespace Hydra.Testing.Ceph;

/// <summary>What <c>/proc</c> says of a process id.</summary>
internal static class CephProcesses
{
    /// <summary>
    /// True when <paramref name="pid"/> no longer runs: gone, or a zombie (state Z), as processes adopted by PID 1
    /// stay for a second or two after they exit.
    /// </summary>
    public static bool IsGone(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The state follows the command name, which is in parentheses and may itself hold spaces.
            var state = stat[(stat.LastIndexOf(')') + 2)..];
            return state.StartsWith('Z') || state.StartsWith('X');
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>The last <paramref name="lines"/> lines of <paramref name="file"/>, or a note that it is missing.</summary>
    public static string Tail(string file, int lines = 25)
    {
        if (!File.Exists(file))
        {
            return $"({Path.GetFileName(file)}: missing)";
        }

        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return $"--- {Path.GetFileName(file)} ---\n" + string.Join('\n', all.TakeLast(lines));
    }
}

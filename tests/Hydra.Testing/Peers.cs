namespace Hydra.Testing;

/// <summary>
/// Finds the real peer programs (dcmtk, Orthanc, gdcm, voms-clients, openssl, node, python3) that interop tests run.
/// A missing peer fails the test with the command that installs it: tests never skip silently.
/// </summary>
public static class Peers
{
    /// <summary>Returns the full path of <paramref name="program"/> on PATH, or fails naming the package to install.</summary>
    public static string Require(string program, string debianPackage)
    {
        var path = Find(program);
        if (path is null)
        {
            throw new PeerMissingException(
                $"The peer '{program}' (Debian package '{debianPackage}') is not installed. Run 'bash .ci/setup.sh' first.");
        }

        return path;
    }

    /// <summary>Returns the full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? Find(string program)
    {
        if (Path.IsPathRooted(program))
        {
            return File.Exists(program) ? program : null;
        }

        var pathVariable = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

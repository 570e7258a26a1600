using Hydra.Testing;

namespace Hydra.Cli.Tests.Support;

/// <summary>
/// The built hydra program run as its own process under a given umask (set by <c>/bin/sh</c> before the exec), for
/// what only a real process shows: the modes of the files it writes.
/// </summary>
public static class HydraProcess
{
    public static Task<ProcessResult> RunAsync(string umask, params IEnumerable<string> args) =>
        ProcessRunner.RunAsync("/bin/sh", ["-c", "umask \"$0\" && exec dotnet \"$@\"", umask, Path.Combine(AppContext.BaseDirectory, "hydra.dll"), .. args]);
}

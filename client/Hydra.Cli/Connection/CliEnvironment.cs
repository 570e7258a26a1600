using System.Runtime.InteropServices;

namespace Hydra.Cli.Connection;

/// <summary>
/// What hydra reads from its surroundings to find credentials: environment variables, the home folder, the Unix user
/// id (for WLCG's <c>bt_u&lt;uid&gt;</c> token files), the shared temporary folder and the clock. The process's own by
/// default; tests give their own so that nothing a developer has set (a token in <c>/tmp</c>) leaks in.
/// </summary>
internal sealed partial record CliEnvironment(
    Func<string, string?> Variable, string HomeDirectory, uint? UserId, string SharedTemporaryDirectory, TimeProvider Time)
{
    /// <summary>The running process's environment; <see cref="UserId"/> is null on Windows, which has no uids.</summary>
    public static CliEnvironment Process() => new(
        Environment.GetEnvironmentVariable,
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
        OperatingSystem.IsWindows() ? null : GetUid(),
        "/tmp",
        TimeProvider.System);

    /// <summary>The variable's value, or null when it is unset or blank.</summary>
    public string? NonEmpty(string name) => Variable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint GetUid();
}

using Hydra.Cli.Connection;

namespace Hydra.Cli.Tests.Support;

/// <summary>
/// Environments for in-process runs of hydra. The default is the process's own without any bearer token source, so a
/// token the developer has (BEARER_TOKEN, /tmp/bt_u&lt;uid&gt;) never changes what a test sees.
/// </summary>
public static class TestEnvironment
{
    private static readonly string[] TokenVariables = ["BEARER_TOKEN", "BEARER_TOKEN_FILE", "XDG_RUNTIME_DIR"];

    /// <summary>A shared temporary folder that does not exist, so the /tmp fallback finds nothing.</summary>
    private static readonly string NoSharedFolder = Path.Combine(Path.GetTempPath(), "hydra-cli-tests-no-tokens-" + Guid.NewGuid().ToString("N"));

    internal static CliEnvironment WithoutTokens() => With(new Dictionary<string, string?>());

    /// <summary>
    /// The process's environment with <paramref name="variables"/> set (a null value unsets), no token source other
    /// than those given, and <paramref name="shared"/> standing for /tmp.
    /// </summary>
    internal static CliEnvironment With(
        IReadOnlyDictionary<string, string?> variables, string? home = null, string? shared = null, TimeProvider? time = null) =>
        CliEnvironment.Process() with
        {
            Variable = name => variables.TryGetValue(name, out var value) ? value
                : TokenVariables.Contains(name) ? null
                : Environment.GetEnvironmentVariable(name),
            HomeDirectory = home ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile),
            SharedTemporaryDirectory = shared ?? NoSharedFolder,
            Time = time ?? TimeProvider.System,
        };

    /// <summary>
    /// Someone with no grid credential at all: X509_USER_* unset and an empty home folder (no ~/.globus); the trust
    /// directory still comes from --certdir.
    /// </summary>
    internal static CliEnvironment TokenOnly(string home, IReadOnlyDictionary<string, string?> variables, string? shared = null, TimeProvider? time = null)
    {
        var all = new Dictionary<string, string?>(variables)
        {
            ["X509_USER_PROXY"] = null,
            ["X509_USER_CERT"] = null,
            ["X509_USER_KEY"] = null,
        };
        return With(all, home, shared, time);
    }
}

namespace Hydra.Client;

/// <summary>Version facts about this library, reported by the CLI and sent to keystore nodes.</summary>
public static class HydraClientInfo
{
    /// <summary>The informational version of Hydra.Client.</summary>
    public static string Version { get; } =
        typeof(HydraClientInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}

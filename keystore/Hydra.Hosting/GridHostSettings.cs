using Hydra.Grid;

namespace Hydra.Hosting;

/// <summary>
/// What a grid TLS host needs, read from each service's own configuration section (<c>Keystore</c>, <c>Bridge</c>),
/// so the setting names stay those of the service.
/// </summary>
/// <param name="HostCertificate">PEM host certificate (and any intermediates): the service's identity.</param>
/// <param name="HostKey">PEM private key of the host certificate.</param>
/// <param name="TrustDirectory">Grid CA certificates (<c>hash.0</c>) and CRLs (<c>hash.r0</c>).</param>
/// <param name="VomsDirectory">VOMS trust (<c>vo/host.lsc</c>, AA certificates); empty disables VOMS.</param>
/// <param name="HostNames">Names matched against VOMS AC targets; empty takes the host certificate's DNS names.</param>
/// <param name="TrustReloadSeconds">Seconds between rereads of the trust folders (changes are also watched).</param>
public sealed record GridHostSettings(
    string HostCertificate,
    string HostKey,
    string TrustDirectory,
    string VomsDirectory,
    IReadOnlyList<string> HostNames,
    double TrustReloadSeconds)
{
    /// <summary>
    /// Whether TLS clients may connect without a certificate (bearer-token callers, when the service's token settings
    /// allow it). Default false: mutual TLS.
    /// </summary>
    public bool ClientCertificateOptional { get; init; }

    /// <summary>Default of <see cref="TrustReloadSeconds"/>: 300 (5 minutes).</summary>
    public const double DefaultTrustReloadSeconds = 300;

    /// <summary>
    /// Adds a message per mistake to <paramref name="failures"/>, each naming the setting as
    /// <c><paramref name="section"/>:Name</c>, so a service fails start-up with every mistake at once. A host key open to
    /// group or others is one (<see cref="PrivateKeyFile"/>).
    /// </summary>
    public void Validate(string section, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        RequireFile(failures, $"{section}:HostCertificate", HostCertificate);
        if (RequireFile(failures, $"{section}:HostKey", HostKey) && PrivateKeyFile.Problem(HostKey) is { } problem)
        {
            // Checked here, with the other mistakes, so the service refuses before it creates or opens anything.
            failures.Add($"{section}:HostKey: {problem}");
        }

        RequireDirectory(failures, $"{section}:TrustDirectory", TrustDirectory, required: true);
        RequireDirectory(failures, $"{section}:VomsDirectory", VomsDirectory, required: false);
        if (TrustReloadSeconds is < 1 or > 86_400 || double.IsNaN(TrustReloadSeconds))
        {
            failures.Add($"{section}:TrustReloadSeconds must be between 1 and 86400; {TrustReloadSeconds} was given.");
        }
    }

    internal TrustSettings Trust(IReadOnlyList<string> hostNames) =>
        new(TrustDirectory, VomsDirectory, hostNames) { ReloadInterval = TimeSpan.FromSeconds(TrustReloadSeconds) };

    /// <summary>True when <paramref name="path"/> names an existing file; otherwise adds why not.</summary>
    private static bool RequireFile(List<string> failures, string setting, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{setting} is required.");
            return false;
        }

        if (!File.Exists(path))
        {
            failures.Add($"{setting}: file '{path}' does not exist.");
            return false;
        }

        return true;
    }

    private static void RequireDirectory(List<string> failures, string setting, string path, bool required)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            if (required)
            {
                failures.Add($"{setting} is required.");
            }
        }
        else if (!Directory.Exists(path))
        {
            failures.Add($"{setting}: folder '{path}' does not exist.");
        }
    }
}

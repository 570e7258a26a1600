namespace Hydra.Grid;

/// <summary>Where a service's grid trust comes from: CA certificates and CRLs, VOMS AAs, and its own host names.</summary>
/// <param name="TrustDirectory">CA certificates as <c>hash.0</c> and CRLs as <c>hash.r0</c>.</param>
/// <param name="VomsDirectory">VOMS trust (<c>vo/host.lsc</c>, AA certificates); empty disables VOMS (no FQANs).</param>
/// <param name="HostNames">This service's names, matched against VOMS AC targets.</param>
public sealed record TrustSettings(string TrustDirectory, string VomsDirectory, IReadOnlyList<string> HostNames)
{
    /// <summary>The default interval between rereads of both folders: 5 minutes.</summary>
    public static readonly TimeSpan DefaultReloadInterval = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often both folders are reread even when no change was seen (changes are also picked up within about a
    /// second by a folder watch, which some file systems do not support). Defaults to <see cref="DefaultReloadInterval"/>.
    /// </summary>
    public TimeSpan ReloadInterval { get; init; } = DefaultReloadInterval;
}

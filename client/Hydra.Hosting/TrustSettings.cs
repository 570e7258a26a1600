namespace Hydra.Hosting;

/// <summary>Where a service's grid trust comes from: CA certificates and CRLs, VOMS AAs, and its own host names.</summary>
/// <param name="TrustDirectory">CA certificates as <c>hash.0</c> and CRLs as <c>hash.r0</c>.</param>
/// <param name="VomsDirectory">VOMS trust (<c>vo/host.lsc</c>, AA certificates); empty disables VOMS (no FQANs).</param>
/// <param name="HostNames">This service's names, matched against VOMS AC targets.</param>
public sealed record TrustSettings(string TrustDirectory, string VomsDirectory, IReadOnlyList<string> HostNames);

using Hydra.Access;
using Hydra.Bridge.Options;

namespace Hydra.Bridge.DicomWeb.Stow;

/// <summary>
/// Who may store through STOW-RS (<c>Bridge:DicomWeb:Senders</c>) and as which source: principals are matched with
/// <see cref="Principal.Matches"/>, as curators and ACLs are. A principal naming exactly one caller (<c>dn:</c>,
/// <c>oidc:</c>) wins over a pattern (<c>fqan:</c>, <c>any</c>); among equals, the first configured.
/// </summary>
internal sealed class StowSenders
{
    private readonly IReadOnlyList<(Principal Principal, string Source)> _senders;

    public StowSenders(BridgeOptions options)
    {
        _senders = [.. options.DicomWeb.Senders
            .Select(s => (Principal: Principal.Parse(s.Key), Source: s.Value.Trim()))
            .OrderBy(s => s.Principal.Kind is PrincipalKind.DistinguishedName or PrincipalKind.Oidc ? 0 : 1)];
    }

    /// <summary>The source <paramref name="caller"/> stores as, or null when it may not store.</summary>
    /// <remarks>A limited proxy may not store, as it may not curate: storing creates keys and images under the bridge's name.</remarks>
    public string? SourceOf(CallerIdentity caller) =>
        caller.IsLimited ? null : _senders.FirstOrDefault(s => s.Principal.Matches(caller)).Source;
}

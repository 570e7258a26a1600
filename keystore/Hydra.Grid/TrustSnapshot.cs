namespace Hydra.Grid;

/// <summary>One immutable reading of a trust directory, indexed by CA subject.</summary>
internal sealed class TrustSnapshot
{
    public TrustSnapshot(IReadOnlyList<TrustedAuthority> authorities)
    {
        Authorities = authorities;
        BySubject = authorities
            .GroupBy(a => a.Subject)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<TrustedAuthority>)[.. g]);
    }

    public IReadOnlyList<TrustedAuthority> Authorities { get; }

    public IReadOnlyDictionary<DistinguishedName, IReadOnlyList<TrustedAuthority>> BySubject { get; }
}

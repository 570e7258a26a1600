namespace Hydra.Grid;

/// <summary>The validated content of one VOMS attribute certificate.</summary>
/// <param name="Vo">The VO (the policy authority URI's scheme).</param>
/// <param name="Fqans">The FQANs in AC order, normalised; the first is the primary FQAN.</param>
/// <param name="PolicyAuthority">The AA's <c>host:port</c> from the policy authority URI.</param>
/// <param name="AttributeAuthority">The subject of the AA certificate that signed the AC.</param>
/// <param name="NotBefore">Start of the AC's validity.</param>
/// <param name="NotAfter">End of the AC's validity.</param>
/// <param name="HolderFormat">How the AC named its holder.</param>
/// <param name="Targets">The hosts the AC is targeted at; empty when it is not targeted.</param>
public sealed record VomsAttributes(
    string Vo,
    IReadOnlyList<Fqan> Fqans,
    string PolicyAuthority,
    DistinguishedName AttributeAuthority,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    AcHolderFormat HolderFormat,
    IReadOnlyList<string> Targets);

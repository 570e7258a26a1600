using Org.BouncyCastle.X509;

namespace Hydra.CertsDev.Building;

/// <summary>Everything a VOMS AC is made of, including the knobs that make invalid ACs for negative tests.</summary>
internal sealed record AcSpecification(
    SigningIdentity AttributeAuthority,
    X509Certificate Holder,
    bool NewFormatHolder,
    string Vo,
    string PolicyAuthority,
    IReadOnlyList<string> Fqans,
    DateTime NotBefore,
    DateTime NotAfter,
    IReadOnlyList<string> Targets,
    bool UnknownCriticalExtension);

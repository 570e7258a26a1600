using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace Hydra.CertsDev.Building;

/// <summary>Everything an RFC 3820 proxy certificate is made of, including the knobs for negative tests.</summary>
internal sealed record ProxySpecification(
    SigningIdentity Issuer,
    AsymmetricKeyParameter ProxyPublicKey,
    DateTime NotBefore,
    DateTime NotAfter,
    bool Limited,
    int? PathLength,
    X509V2AttributeCertificate? AttributeCertificate,
    bool UnknownCriticalExtension,
    AsymmetricKeyParameter? WrongSigningKey);

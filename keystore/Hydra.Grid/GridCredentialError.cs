namespace Hydra.Grid;

/// <summary>Why a grid credential (certificate chain, proxy or VOMS attribute certificate) was refused.</summary>
public enum GridCredentialError
{
    /// <summary>The credential could not be parsed or violates a structural rule.</summary>
    Malformed,

    /// <summary>A certificate's notAfter lies in the past.</summary>
    Expired,

    /// <summary>A certificate's notBefore lies in the future.</summary>
    NotYetValid,

    /// <summary>The end-entity certificate (or a CA on its path) is listed in its issuer's CRL.</summary>
    Revoked,

    /// <summary>No trusted CA issued the certificate, or a CA on the path is not usable as a CA.</summary>
    UntrustedIssuer,

    /// <summary>A signature does not verify with the issuer's public key.</summary>
    BadSignature,

    /// <summary>The issuer's CRL is missing, or past its nextUpdate, and policy requires a current one.</summary>
    CrlUnavailable,

    /// <summary>A certificate's basicConstraints or keyUsage forbids the use it is put to.</summary>
    InvalidCertificateUsage,

    /// <summary>A legacy (CN=proxy) or GT3-draft proxy: both are deprecated and refused.</summary>
    DeprecatedProxyType,

    /// <summary>A proxy's subject is not its issuer's subject plus one CN, or it carries alternative names.</summary>
    ProxyNameViolation,

    /// <summary>More proxies follow a proxy than its pCPathLenConstraint allows.</summary>
    PathLengthExceeded,

    /// <summary>A limited proxy signed a full (impersonation) proxy.</summary>
    LimitedProxyMisuse,

    /// <summary>A proxy's policy language is neither inheritAll nor limited (e.g. independent).</summary>
    UnsupportedProxyPolicy,

    /// <summary>A certificate or attribute certificate carries a critical extension this validator does not process.</summary>
    UnknownCriticalExtension,

    /// <summary>A VOMS attribute certificate could not be parsed or violates a structural rule.</summary>
    AcMalformed,

    /// <summary>The attribute authority that signed an AC is not trusted (not in the vomsdir, or not chained to a trusted CA).</summary>
    AcUntrustedIssuer,

    /// <summary>An AC's signature does not verify with its attribute authority's key.</summary>
    AcBadSignature,

    /// <summary>An AC's validity period ended (beyond the allowed clock skew).</summary>
    AcExpired,

    /// <summary>An AC's validity period has not started (beyond the allowed clock skew).</summary>
    AcNotYetValid,

    /// <summary>An AC's holder is not the end-entity certificate that presents it.</summary>
    AcHolderMismatch,

    /// <summary>An AC is targeted at hosts that do not include this service.</summary>
    AcTargetMismatch,

    /// <summary>An AC carries an FQAN that is malformed or lies outside the AC's VO.</summary>
    AcInvalidFqan,

    /// <summary>No credential was found where the grid conventions say to look.</summary>
    CredentialNotFound,

    /// <summary>A private key file is readable by group or others, which grid tools refuse.</summary>
    InsecureKeyFile,

    /// <summary>The private key does not belong to the certificate it was loaded with.</summary>
    KeyMismatch,
}

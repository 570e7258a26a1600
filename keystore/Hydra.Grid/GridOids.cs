using Org.BouncyCastle.Asn1;

namespace Hydra.Grid;

/// <summary>Object identifiers of the grid profile (RFC 3820, RFC 3281 and VOMS).</summary>
public static class GridOids
{
    /// <summary>RFC 3820 ProxyCertInfo (critical in every RFC proxy).</summary>
    public static readonly DerObjectIdentifier ProxyCertInfo = new("1.3.6.1.5.5.7.1.14");

    /// <summary>GT3 draft ProxyCertInfo (deprecated).</summary>
    public static readonly DerObjectIdentifier DraftProxyCertInfo = new("1.3.6.1.4.1.3536.1.222");

    /// <summary>RFC 3820 policy language: the proxy inherits all the issuer's rights (impersonation).</summary>
    public static readonly DerObjectIdentifier InheritAllPolicy = new("1.3.6.1.5.5.7.21.1");

    /// <summary>RFC 3820 policy language: the proxy inherits no rights.</summary>
    public static readonly DerObjectIdentifier IndependentPolicy = new("1.3.6.1.5.5.7.21.2");

    /// <summary>Globus limited-proxy policy language.</summary>
    public static readonly DerObjectIdentifier LimitedPolicy = new("1.3.6.1.4.1.3536.1.1.1.9");

    /// <summary>VOMS: the sequence of attribute certificates carried in a proxy (non-critical).</summary>
    public static readonly DerObjectIdentifier VomsAcSequence = new("1.3.6.1.4.1.8005.100.100.5");

    /// <summary>VOMS: the FQAN attribute (IetfAttrSyntax) inside an AC.</summary>
    public static readonly DerObjectIdentifier VomsFqanAttribute = new("1.3.6.1.4.1.8005.100.100.4");

    /// <summary>VOMS: the attribute authority's certificate chain inside an AC.</summary>
    public static readonly DerObjectIdentifier VomsCertificates = new("1.3.6.1.4.1.8005.100.100.10");

    /// <summary>VOMS: generic attributes inside an AC.</summary>
    public static readonly DerObjectIdentifier VomsGenericAttributes = new("1.3.6.1.4.1.8005.100.100.11");

    /// <summary>RFC 3281 AC targeting (critical).</summary>
    public static readonly DerObjectIdentifier TargetInformation = new("2.5.29.55");

    /// <summary>RFC 3281 noRevAvail.</summary>
    public static readonly DerObjectIdentifier NoRevocationAvailable = new("2.5.29.56");
}

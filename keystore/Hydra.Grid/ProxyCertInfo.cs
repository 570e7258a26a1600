using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>
/// RFC 3820 §3.8 ProxyCertInfo: <c>SEQUENCE { pCPathLenConstraint INTEGER OPTIONAL, proxyPolicy SEQUENCE {
/// policyLanguage OBJECT IDENTIFIER, policy OCTET STRING OPTIONAL } }</c>.
/// </summary>
internal sealed record ProxyCertInfo(int? PathLength, DerObjectIdentifier PolicyLanguage)
{
    public bool IsLimited => PolicyLanguage.Equals(GridOids.LimitedPolicy);

    public static ProxyKind Classify(X509Certificate certificate)
    {
        if (CertificateChecks.HasExtension(certificate, GridOids.ProxyCertInfo))
        {
            return ProxyKind.Rfc3820;
        }

        if (CertificateChecks.HasExtension(certificate, GridOids.DraftProxyCertInfo))
        {
            return ProxyKind.Gt3Draft;
        }

        var subject = DistinguishedName.FromX509Name(certificate.SubjectDN);
        var lastCn = subject.Attributes.Count > 0 && subject.Attributes[^1].Oid == "2.5.4.3" ? subject.Attributes[^1].Value : null;
        var isLegacyName = lastCn is "proxy" or "limited proxy";
        var issuer = DistinguishedName.FromX509Name(certificate.IssuerDN);
        return isLegacyName && subject.IsParentPlusOneCommonName(issuer) ? ProxyKind.Legacy : ProxyKind.None;
    }

    /// <exception cref="GridCredentialException">The extension is missing, not critical, or malformed.</exception>
    public static ProxyCertInfo Read(X509Certificate certificate)
    {
        var subject = CertificateChecks.Describe(certificate);
        if (certificate.GetCriticalExtensionOids()?.Contains(GridOids.ProxyCertInfo.Id) != true)
        {
            throw new GridCredentialException(GridCredentialError.Malformed,
                $"The proxy '{subject}' has a ProxyCertInfo extension that is not critical (RFC 3820 §3.8).");
        }

        try
        {
            var sequence = Asn1Sequence.GetInstance(CertificateChecks.ExtensionValue(certificate, GridOids.ProxyCertInfo));
            var index = 0;
            int? pathLength = null;
            if (sequence[index] is DerInteger integer)
            {
                pathLength = integer.IntValueExact;
                index++;
            }

            var policy = Asn1Sequence.GetInstance(sequence[index]);
            if (index + 1 != sequence.Count || pathLength < 0 || policy.Count is < 1 or > 2)
            {
                throw new FormatException("unexpected ProxyCertInfo layout");
            }

            return new ProxyCertInfo(pathLength, DerObjectIdentifier.GetInstance(policy[0]));
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException
                                              or IndexOutOfRangeException or ArithmeticException or IOException)
        {
            throw new GridCredentialException(GridCredentialError.Malformed,
                $"The proxy '{subject}' has a malformed ProxyCertInfo extension.", exception);
        }
    }
}

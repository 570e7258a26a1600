using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>Checks shared by CA-path and proxy validation. Each failure names the certificate by subject.</summary>
internal static class CertificateChecks
{
    public static string Describe(X509Certificate certificate) => DistinguishedName.FromX509Name(certificate.SubjectDN).ToString();

    public static void RequireValidAt(X509Certificate certificate, DateTimeOffset now, TimeSpan notBeforeGrace, string role)
    {
        if (now.UtcDateTime < certificate.NotBefore - notBeforeGrace)
        {
            throw new GridCredentialException(GridCredentialError.NotYetValid,
                $"The {role} certificate '{Describe(certificate)}' is not valid before {certificate.NotBefore:u}.");
        }

        if (now.UtcDateTime > certificate.NotAfter)
        {
            throw new GridCredentialException(GridCredentialError.Expired,
                $"The {role} certificate '{Describe(certificate)}' expired at {certificate.NotAfter:u}.");
        }
    }

    public static void RequireSignedBy(X509Certificate certificate, AsymmetricKeyParameter issuerKey, string role)
    {
        if (!IsSignedBy(certificate, issuerKey))
        {
            throw new GridCredentialException(GridCredentialError.BadSignature,
                $"The signature of the {role} certificate '{Describe(certificate)}' does not verify with its issuer's key.");
        }
    }

    public static bool IsSignedBy(X509Certificate certificate, AsymmetricKeyParameter issuerKey)
    {
        try
        {
            return certificate.IsSignatureValid(issuerKey);
        }
        catch (Exception exception) when (exception is InvalidKeyException or CryptoException or ArgumentException
                                              or SecurityUtilityException or InvalidOperationException)
        {
            return false;
        }
    }

    public static void RejectUnknownCriticalExtensions(X509Certificate certificate, IReadOnlySet<string> handled, string role)
    {
        foreach (var oid in certificate.GetCriticalExtensionOids() ?? new HashSet<string>())
        {
            if (!handled.Contains(oid))
            {
                throw new GridCredentialException(GridCredentialError.UnknownCriticalExtension,
                    $"The {role} certificate '{Describe(certificate)}' has the unknown critical extension {oid}.");
            }
        }
    }

    public static bool IsCa(X509Certificate certificate) => certificate.GetBasicConstraints() >= 0;

    /// <summary>keyUsage bit <paramref name="bit"/> is set, or the certificate has no keyUsage (any use allowed).</summary>
    public static bool AllowsKeyUsage(X509Certificate certificate, int bit)
    {
        var usage = certificate.GetKeyUsage();
        return usage is null || (bit < usage.Length && usage[bit]);
    }

    public static bool HasExtension(X509Certificate certificate, DerObjectIdentifier oid) =>
        certificate.GetExtensionValue(oid) is not null;

    public static Asn1Object? ExtensionValue(X509Certificate certificate, DerObjectIdentifier oid)
    {
        var octets = certificate.GetExtensionValue(oid);
        return octets is null ? null : Asn1Object.FromByteArray(octets.GetOctets());
    }

    public static readonly DerObjectIdentifier SubjectAltName = X509Extensions.SubjectAlternativeName;
    public static readonly DerObjectIdentifier IssuerAltName = X509Extensions.IssuerAlternativeName;
}

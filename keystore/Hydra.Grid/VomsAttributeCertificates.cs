using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>Finds VOMS attribute certificates in proxy chains (extension 1.3.6.1.4.1.8005.100.100.5) and in PEM text.</summary>
public static class VomsAttributeCertificates
{
    private const int MaxAcs = 16;

    /// <summary>
    /// The ACs of a chain, leaf first: like VOMS (RECURSE_CHAIN), the first certificate that carries the extension
    /// supplies them. Empty when none does.
    /// </summary>
    /// <exception cref="GridCredentialException">The extension exists but cannot be parsed (<see cref="GridCredentialError.AcMalformed"/>).</exception>
    public static IReadOnlyList<X509V2AttributeCertificate> FromChain(IReadOnlyList<X509Certificate> chainLeafFirst)
    {
        ArgumentNullException.ThrowIfNull(chainLeafFirst);
        foreach (var certificate in chainLeafFirst)
        {
            if (CertificateChecks.HasExtension(certificate, GridOids.VomsAcSequence))
            {
                return FromCertificate(certificate);
            }
        }

        return [];
    }

    /// <summary>The ACs carried by one certificate's VOMS extension (AC_SEQ: a SEQUENCE of SEQUENCE OF AC).</summary>
    public static IReadOnlyList<X509V2AttributeCertificate> FromCertificate(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var result = new List<X509V2AttributeCertificate>();
        try
        {
            var value = CertificateChecks.ExtensionValue(certificate, GridOids.VomsAcSequence);
            if (value is not null)
            {
                Collect(value, result, depth: 0);
            }
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or InvalidCastException or InvalidOperationException)
        {
            throw new GridCredentialException(GridCredentialError.AcMalformed,
                $"The VOMS extension of '{CertificateChecks.Describe(certificate)}' cannot be parsed.", exception);
        }

        if (result.Count == 0)
        {
            throw new GridCredentialException(GridCredentialError.AcMalformed,
                $"The VOMS extension of '{CertificateChecks.Describe(certificate)}' holds no attribute certificate.");
        }

        return result;
    }

    /// <summary>Reads PEM <c>ATTRIBUTE CERTIFICATE</c> blocks (as <c>voms-proxy-init -separate</c> writes them).</summary>
    public static IReadOnlyList<X509V2AttributeCertificate> FromPem(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var result = new List<X509V2AttributeCertificate>();
        try
        {
            var pem = new PemReader(reader);
            while (pem.ReadPemObject() is { } block)
            {
                if (block.Type == "ATTRIBUTE CERTIFICATE")
                {
                    result.Add(new X509V2AttributeCertificate(block.Content));
                }
            }
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or InvalidCastException)
        {
            throw new GridCredentialException(GridCredentialError.AcMalformed, "The PEM attribute certificates cannot be parsed.", exception);
        }

        return result;
    }

    private static void Collect(Asn1Encodable element, List<X509V2AttributeCertificate> result, int depth)
    {
        // An AC is SEQUENCE { acinfo SEQUENCE, signatureAlgorithm SEQUENCE, signatureValue BIT STRING }; anything
        // else at the top levels is a container (VOMS nests the ACs two sequences deep).
        if (element is Asn1Sequence { Count: 3 } sequence && sequence[2] is DerBitString && sequence[0] is Asn1Sequence)
        {
            if (result.Count == MaxAcs)
            {
                throw new InvalidOperationException($"more than {MaxAcs} attribute certificates");
            }

            result.Add(new X509V2AttributeCertificate(AttributeCertificateStructure(sequence)));
            return;
        }

        if (depth >= 3 || element is not Asn1Sequence container)
        {
            throw new ArgumentException("unexpected element in the VOMS AC sequence");
        }

        foreach (var child in container)
        {
            Collect(child, result, depth + 1);
        }
    }

    private static Org.BouncyCastle.Asn1.X509.AttributeCertificate AttributeCertificateStructure(Asn1Sequence sequence) =>
        Org.BouncyCastle.Asn1.X509.AttributeCertificate.GetInstance(sequence);
}

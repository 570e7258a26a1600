using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>
/// Finds and checks the attribute authority that signed an AC, as VOMS does (italiangrid/voms api_util.cc): with a
/// <c>&lt;vo&gt;/&lt;host&gt;.lsc</c> file, the AC-embedded AA chain must match it pair by pair; otherwise an AA
/// certificate of the vomsdir whose key verifies the AC is used. Either way the AA must chain to a trusted CA.
/// </summary>
internal sealed class AttributeAuthorityResolver
{
    private readonly GridTrustStore _trustStore;
    private readonly VomsTrustStore _vomsStore;

    public AttributeAuthorityResolver(GridTrustStore trustStore, VomsTrustStore vomsStore)
    {
        _trustStore = trustStore;
        _vomsStore = vomsStore;
    }

    /// <summary>The trusted AA certificate whose key verifies the AC's signature.</summary>
    /// <exception cref="GridCredentialException">No trusted AA signed the AC.</exception>
    public X509Certificate Resolve(X509V2AttributeCertificate ac, VomsAcContent content, DateTimeOffset now)
    {
        var host = content.PolicyAuthority[..content.PolicyAuthority.LastIndexOf(':')];
        var embedded = EmbeddedChain(ac);
        var lsc = _vomsStore.FindLsc(content.Vo, host);
        X509Certificate aa;
        if (lsc is not null && embedded.Count > 0)
        {
            var pairs = embedded.Select(c => (DistinguishedName.FromX509Name(c.SubjectDN), DistinguishedName.FromX509Name(c.IssuerDN))).ToArray();
            if (!lsc.Matches(pairs))
            {
                throw Untrusted($"its embedded AA certificate '{pairs[0].Item1}' (issuer '{pairs[0].Item2}') is not listed in {content.Vo}/{host}.lsc");
            }

            aa = embedded[0];
            RequireSignature(ac, aa);
            RequireEmbeddedChain(embedded);
        }
        else
        {
            aa = _vomsStore.AttributeAuthorities(content.Vo)
                     .Where(c => DistinguishedName.FromX509Name(c.SubjectDN).Equals(content.Issuer))
                     .FirstOrDefault(c => SignatureVerifies(ac, c))
                 ?? throw Untrusted($"no .lsc file for {content.Vo}/{host} and no AA certificate in the vomsdir for '{content.Issuer}' verifies it");
        }

        if (!DistinguishedName.FromX509Name(aa.SubjectDN).Equals(content.Issuer))
        {
            throw Untrusted($"its issuer '{content.Issuer}' is not the AA certificate's subject '{DistinguishedName.FromX509Name(aa.SubjectDN)}'");
        }

        ValidateAuthorityPath(embedded.Count > 0 && lsc is not null ? embedded[^1] : aa, aa, now);
        return aa;
    }

    private void ValidateAuthorityPath(X509Certificate top, X509Certificate aa, DateTimeOffset now)
    {
        try
        {
            CertificateChecks.RequireValidAt(aa, now, TimeSpan.Zero, "AA");
            _trustStore.ValidatePath(top, now, "AA");
        }
        catch (GridCredentialException exception)
        {
            throw new GridCredentialException(GridCredentialError.AcUntrustedIssuer,
                $"The AA certificate '{DistinguishedName.FromX509Name(aa.SubjectDN)}' is not trusted: {exception.Message}", exception);
        }
    }

    private List<X509Certificate> EmbeddedChain(X509V2AttributeCertificate ac)
    {
        var value = ac.GetExtensionValue(GridOids.VomsCertificates);
        if (value is null)
        {
            return [];
        }

        try
        {
            // SEQUENCE { SEQUENCE OF Certificate }, element 0 is the signer (VOMS api_util.cc check_from_file).
            var outer = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(value.GetOctets()));
            var inner = Asn1Sequence.GetInstance(outer[0]);
            return [.. inner.Cast<Asn1Encodable>().Select(c => _vomsStore.ParseEmbedded(c.GetEncoded(Asn1Encodable.Der)))];
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or InvalidCastException
                                              or CertificateException or IndexOutOfRangeException)
        {
            throw new GridCredentialException(GridCredentialError.AcMalformed, "The AC's embedded AA certificates cannot be parsed.", exception);
        }
    }

    private static void RequireEmbeddedChain(List<X509Certificate> embedded)
    {
        for (var i = 0; i + 1 < embedded.Count; i++)
        {
            if (!CertificateChecks.IsSignedBy(embedded[i], embedded[i + 1].GetPublicKey()))
            {
                throw Untrusted($"its embedded certificate '{CertificateChecks.Describe(embedded[i])}' is not signed by the next one");
            }
        }
    }

    private static void RequireSignature(X509V2AttributeCertificate ac, X509Certificate aa)
    {
        if (!SignatureVerifies(ac, aa))
        {
            throw new GridCredentialException(GridCredentialError.AcBadSignature,
                $"The attribute certificate's signature does not verify with the key of '{CertificateChecks.Describe(aa)}'.");
        }
    }

    private static bool SignatureVerifies(X509V2AttributeCertificate ac, X509Certificate aa)
    {
        try
        {
            return ac.IsSignatureValid(aa.GetPublicKey());
        }
        catch (Exception exception) when (exception is CertificateException or ArgumentException or InvalidOperationException
                                              or Org.BouncyCastle.Security.InvalidKeyException)
        {
            return false;
        }
    }

    private static GridCredentialException Untrusted(string problem) =>
        new(GridCredentialError.AcUntrustedIssuer, $"The attribute certificate is not trusted: {problem}.");
}

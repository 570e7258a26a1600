using Hydra.Grid;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace Hydra.CertsDev.Building;

/// <summary>
/// Issues VOMS attribute certificates as VOMS writes them (italiangrid/voms src/ac/write.c): RFC 3281 v2, holder
/// baseCertificateID (old format: the holder's subject; new format: its issuer), V2Form issuer, one FQAN attribute
/// (IetfAttrSyntax with a <c>vo://host:port</c> policy authority), and the extensions noRevAvail, AKI (the AA's
/// method-1 key identifier), the AA certificate chain (.10) and, when asked, VOMS-style targets.
/// </summary>
internal static class VomsAcFactory
{
    /// <summary>An OID no validator knows, for the "unknown critical extension" negative cases.</summary>
    public static readonly DerObjectIdentifier UnknownExtension = new("1.3.6.1.4.1.99999.1");

    public static X509V2AttributeCertificate Create(AcSpecification spec)
    {
        var aa = spec.AttributeAuthority.Certificate;
        var generator = new X509V2AttributeCertificateGenerator();
        var holderName = spec.NewFormatHolder ? spec.Holder.IssuerDN : spec.Holder.SubjectDN;
        generator.SetHolder(new AttributeCertificateHolder(holderName, spec.Holder.SerialNumber));
        generator.SetIssuer(new AttributeCertificateIssuer(aa.SubjectDN));
        generator.SetSerialNumber(Serials.NewSerial());
        generator.SetNotBefore(spec.NotBefore);
        generator.SetNotAfter(spec.NotAfter);
        generator.AddAttribute(new X509Attribute(GridOids.VomsFqanAttribute.Id, FqanAttributeValue(spec)));
        generator.AddExtension(GridOids.NoRevocationAvailable.Id, false, DerNull.Instance);
        generator.AddExtension(X509Extensions.AuthorityKeyIdentifier.Id, false,
            new AuthorityKeyIdentifier(X509ExtensionUtilities.CreateSubjectKeyIdentifier(aa.GetPublicKey()).GetKeyIdentifier()));
        generator.AddExtension(GridOids.VomsCertificates.Id, false, new DerSequence(new DerSequence(aa.CertificateStructure)));
        if (spec.Targets.Count > 0)
        {
            generator.AddExtension(GridOids.TargetInformation.Id, true, VomsTargets(spec.Targets));
        }

        if (spec.UnknownCriticalExtension)
        {
            generator.AddExtension(UnknownExtension.Id, true, new DerUtf8String("must be understood"));
        }

        return generator.Generate(CertificateFactory.Signer(spec.AttributeAuthority.PrivateKey));
    }

    private static DerSequence FqanAttributeValue(AcSpecification spec)
    {
        // IetfAttrSyntax { policyAuthority [0] IMPLICIT GeneralNames, values SEQUENCE OF OCTET STRING }.
        var authority = new GeneralNames(new GeneralName(GeneralName.UniformResourceIdentifier, $"{spec.Vo}://{spec.PolicyAuthority}"));
        var values = spec.Fqans.Select(f => (Asn1Encodable)new DerOctetString(System.Text.Encoding.UTF8.GetBytes(f))).ToArray();
        return new DerSequence(new DerTaggedObject(false, 0, authority), new DerSequence(values));
    }

    // VOMS wraps each target in its own SEQUENCE { [0] EXPLICIT GeneralName } (src/ac/newformat.c AC_TARGET).
    private static DerSequence VomsTargets(IReadOnlyList<string> targets) => new(targets
        .Select(t => (Asn1Encodable)new DerSequence(new DerTaggedObject(true, 0, new GeneralName(GeneralName.UniformResourceIdentifier, t))))
        .ToArray());
}

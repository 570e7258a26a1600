using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Hydra.Grid;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;
using AttributeTypeAndValue = Org.BouncyCastle.Asn1.X500.AttributeTypeAndValue;

namespace Hydra.CertsDev.Building;

/// <summary>
/// Issues RFC 3820 proxies the way VOMS does (src/sslutils/proxy.c, sslutils.c proxy_sign): subject = issuer subject
/// plus <c>CN=&lt;n&gt;</c>, where n is the first four bytes (little-endian) of SHA-1 over the new key's
/// SubjectPublicKeyInfo and also the serial; critical ProxyCertInfo (inheritAll, or Globus limited); the issuer's
/// keyUsage without keyCertSign and nonRepudiation; critical basicConstraints CA:FALSE; the ACs in the non-critical
/// VOMS extension.
/// </summary>
internal static class ProxyFactory
{
    public static X509Certificate Create(ProxySpecification spec)
    {
        var issuer = spec.Issuer.Certificate;
        var number = ProxyNumber(spec.ProxyPublicKey);
        var generator = CertificateFactory.NewGenerator(issuer.SubjectDN, SubjectFor(issuer.SubjectDN, number),
            spec.ProxyPublicKey, spec.NotBefore, spec.NotAfter);
        generator.SetSerialNumber(BigInteger.ValueOf(number));
        generator.AddExtension(GridOids.ProxyCertInfo, true, ProxyCertInfo(spec));
        generator.AddExtension(X509Extensions.KeyUsage, true, InheritedKeyUsage(issuer));
        generator.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        if (spec.AttributeCertificate is { } ac)
        {
            var acStructure = AttributeCertificate.GetInstance(ac.GetEncoded());
            generator.AddExtension(GridOids.VomsAcSequence, false, new DerSequence(new DerSequence(acStructure)));
        }

        if (spec.UnknownCriticalExtension)
        {
            generator.AddExtension(VomsAcFactory.UnknownExtension, true, new DerUtf8String("must be understood"));
        }

        return generator.Generate(CertificateFactory.Signer(spec.WrongSigningKey ?? spec.Issuer.PrivateKey));
    }

    private static uint ProxyNumber(Org.BouncyCastle.Crypto.AsymmetricKeyParameter publicKey)
    {
        var info = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetEncoded(Asn1Encodable.Der);
#pragma warning disable CA5350 // VOMS derives proxy names from SHA-1; this is naming, not security.
        return BinaryPrimitives.ReadUInt32LittleEndian(SHA1.HashData(info));
#pragma warning restore CA5350
    }

    private static X509Name SubjectFor(X509Name issuerSubject, uint number)
    {
        var rdns = ((Asn1Sequence)issuerSubject.ToAsn1Object()).Cast<Asn1Encodable>().ToList();
        var cn = new AttributeTypeAndValue(X509Name.CN, new DerUtf8String(number.ToString(CultureInfo.InvariantCulture)));
        rdns.Add(new DerSet(cn));
        return X509Name.GetInstance(new DerSequence(rdns.ToArray()));
    }

    private static DerSequence ProxyCertInfo(ProxySpecification spec)
    {
        var policy = new DerSequence(spec.Limited ? GridOids.LimitedPolicy : GridOids.InheritAllPolicy);
        return spec.PathLength is { } pathLength ? new DerSequence(DerInteger.ValueOf(pathLength), policy) : new DerSequence(policy);
    }

    private static KeyUsage InheritedKeyUsage(X509Certificate issuer)
    {
        var bits = issuer.GetKeyUsage();
        var usage = 0;
        int[] flags = [KeyUsage.DigitalSignature, KeyUsage.NonRepudiation, KeyUsage.KeyEncipherment, KeyUsage.DataEncipherment,
            KeyUsage.KeyAgreement, KeyUsage.KeyCertSign, KeyUsage.CrlSign, KeyUsage.EncipherOnly, KeyUsage.DecipherOnly];
        for (var i = 0; bits is not null && i < bits.Length && i < flags.Length; i++)
        {
            usage |= bits[i] ? flags[i] : 0;
        }

        usage = bits is null ? KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment : usage;
        return new KeyUsage(usage & ~(KeyUsage.KeyCertSign | KeyUsage.NonRepudiation));
    }
}

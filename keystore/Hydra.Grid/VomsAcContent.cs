using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>
/// The structural content of a VOMS AC (italiangrid/voms src/ac/validate.cc checkAttributes, RFC 3281 §4): version 2,
/// a V2Form issuer with one directoryName, a serial of at most 20 octets, exactly one FQAN attribute holding one
/// IetfAttrSyntax with one <c>vo://host:port</c> URI policy authority and OCTET STRING values.
/// </summary>
internal sealed record VomsAcContent(
    string Vo,
    string PolicyAuthority,
    string[] RawFqans,
    DistinguishedName Issuer,
    IssuerSerial? HolderId)
{
    private const int MaxSerialOctets = 20;

    public static VomsAcContent Read(X509V2AttributeCertificate ac)
    {
        var structure = AttributeCertificate.GetInstance(ac.GetEncoded());
        var info = structure.ACInfo;
        Require(ac.Version == 2, $"version {ac.Version}; VOMS ACs are version 2");
        Require(info.SerialNumber.Value.ToByteArray().Length <= MaxSerialOctets, "a serial number longer than 20 octets");
        var (vo, authority, fqans) = ReadFqanAttribute(ac);
        return new VomsAcContent(vo, authority, fqans, ReadIssuer(info.Issuer), info.Holder.BaseCertificateID);
    }

    private static DistinguishedName ReadIssuer(AttCertIssuer issuer)
    {
        // RFC 3281 §4.2.3: v2Form, whose issuerName holds exactly one directoryName.
        Require(issuer.Issuer is V2Form, "a v1Form issuer; ACs use v2Form");
        var names = ((V2Form)issuer.Issuer).IssuerName?.GetNames() ?? [];
        Require(names.Length == 1 && names[0].TagNo == GeneralName.DirectoryName, "an issuer that is not exactly one directoryName");
        return DistinguishedName.FromX509Name(X509Name.GetInstance(names[0].Name));
    }

    private static (string Vo, string Authority, string[] Fqans) ReadFqanAttribute(X509V2AttributeCertificate ac)
    {
        var attributes = ac.GetAttributes(GridOids.VomsFqanAttribute.Id) ?? [];
        Require(attributes.Length == 1, $"{attributes.Length} FQAN attributes; exactly one is required");
        var values = attributes[0].GetValues();
        Require(values.Length == 1, "an FQAN attribute without exactly one IetfAttrSyntax");
        var syntax = Asn1Sequence.GetInstance(values[0]);
        Require(syntax.Count == 2 && syntax[0] is Asn1TaggedObject { TagNo: 0 }, "an IetfAttrSyntax without a policy authority");
        var authorities = GeneralNames.GetInstance((Asn1TaggedObject)syntax[0], false).GetNames();
        Require(authorities.Length == 1 && authorities[0].TagNo == GeneralName.UniformResourceIdentifier,
            "a policy authority that is not exactly one URI");
        var uri = ((IAsn1String)authorities[0].Name).GetString();
        var separator = uri.IndexOf("://", StringComparison.Ordinal);
        Require(separator > 0 && uri.LastIndexOf(':') > separator + 3, $"the policy authority '{uri}' is not vo://host:port");
        var fqans = Asn1Sequence.GetInstance(syntax[1]).Cast<Asn1Encodable>().Select(value =>
        {
            Require(value is Asn1OctetString, "an FQAN value that is not an OCTET STRING");
            return System.Text.Encoding.UTF8.GetString(((Asn1OctetString)value).GetOctets());
        }).ToArray();
        Require(fqans.Length > 0, "no FQAN");
        return (uri[..separator], uri[(separator + 3)..], fqans);
    }

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new GridCredentialException(GridCredentialError.AcMalformed, $"The attribute certificate has {problem}.");
        }
    }
}

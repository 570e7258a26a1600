using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Hydra.CertsDev.Building;

/// <summary>DNs of the dev PKI, in DER order <c>DC=org, DC=hydra-dev[, O=org], CN=name</c>.</summary>
internal static class DevNames
{
    public static X509Name Create(string? organisation, string commonName)
    {
        var oids = new List<DerObjectIdentifier> { X509Name.DC, X509Name.DC };
        var values = new List<string> { "org", "hydra-dev" };
        if (organisation is not null)
        {
            oids.Add(X509Name.O);
            values.Add(organisation);
        }

        oids.Add(X509Name.CN);
        values.Add(commonName);
        return new X509Name(oids, values);
    }
}

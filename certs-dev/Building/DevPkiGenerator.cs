using System.Text;
using Hydra.Grid;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace Hydra.CertsDev.Building;

/// <summary>Writes a complete dev PKI into a folder and returns its manifest.</summary>
internal sealed class DevPkiGenerator
{
    private const int FixedKeys = 4; // CA, rogue CA, AA, rogue AA

    private readonly string _folder;
    private readonly DevPkiOptions _options;
    private readonly DateTime _now;
    private readonly IReadOnlyList<DevUserProfile> _users;
    private readonly Dictionary<string, AsymmetricKeyParameter> _privateKeys = new(StringComparer.Ordinal);

    public DevPkiGenerator(string folder, DevPkiOptions options, DateTime now)
    {
        _folder = folder;
        _options = options;
        _now = now;
        _users = [.. DevUserProfile.Cast, .. options.ExtraUsers];
    }

    /// <summary>The private keys written, by relative path, so the new PKI need not parse them back.</summary>
    public IReadOnlyDictionary<string, AsymmetricKeyParameter> PrivateKeys => _privateKeys;

    public DevPkiManifest Generate()
    {
        bool[] ec =
        [
            .. Enumerable.Repeat(false, FixedKeys),
            .. _options.Hosts.Select(host => _options.EcHosts.Contains(host, StringComparer.Ordinal)),
            .. Enumerable.Repeat(false, _users.Count),
        ];
        var keys = KeyMaterial.GenerateMany(ec);
        var notBefore = _now.AddHours(-1);
        var caNotAfter = _now + _options.CaLifetime;
        var certificateNotAfter = _now + _options.CertificateLifetime;

        var ca = new SigningIdentity(CertificateFactory.SelfSignedCa(DevNames.Create(null, "Hydra Dev CA"), keys[0], notBefore, caNotAfter), keys[0].Private);
        var rogueCa = new SigningIdentity(
            CertificateFactory.SelfSignedCa(DevNames.Create("Rogue", "Hydra Rogue CA"), keys[1], notBefore, caNotAfter), keys[1].Private);
        var aaName = DevNames.Create("Hydra", DevPkiLayout.AaHost);
        var aa = CertificateFactory.EndEntity(ca, aaName, keys[2].Public, notBefore, certificateNotAfter, EndEntityProfile.Host, [DevPkiLayout.AaHost]);
        var rogueAa = CertificateFactory.EndEntity(rogueCa, aaName, keys[3].Public, notBefore, certificateNotAfter, EndEntityProfile.Host,
            [DevPkiLayout.AaHost]);

        var hosts = _options.Hosts.Select((name, i) => WriteHost(ca, name, keys[FixedKeys + i], notBefore, certificateNotAfter)).ToList();
        var revoked = new List<BigInteger>();
        var users = _users.Select((profile, i) =>
            WriteUser(ca, profile, keys[FixedKeys + _options.Hosts.Count + i], notBefore, certificateNotAfter, revoked)).ToList();

        var crl = CrlFactory.Create(ca, revoked, _now.AddMinutes(-5), _now + _options.CrlLifetime, number: 1);
        var caManifest = WriteCa(ca.Certificate, keys[0], crl);
        var authority = WriteAttributeAuthority(aa, keys[2], ca.Certificate);
        var rogue = WriteRogue(rogueCa.Certificate, keys[1], rogueAa, keys[3]);
        return new DevPkiManifest(DevPkiManifest.CurrentFormat, "Development and test use only: never protect real data with these keys.",
            new DateTimeOffset(_now, TimeSpan.Zero), caManifest, DevPkiLayout.TrustDirectory, DevPkiLayout.VomsDirectory,
            authority, rogue, hosts, users);
    }

    private ManifestCa WriteCa(X509Certificate ca, KeyMaterial key, X509Crl crl)
    {
        var hash = OpenSslNameHash.ComputeText(ca.SubjectDN);
        PemFiles.WritePublic(Full(DevPkiLayout.CaCertificate), PemFiles.Certificate(ca));
        WriteKey(DevPkiLayout.CaKey, key);
        PemFiles.WritePublic(Full(DevPkiLayout.Crl), PemFiles.Crl(crl));
        PemFiles.WritePublic(Full($"{DevPkiLayout.TrustDirectory}/{hash}.0"), PemFiles.Certificate(ca));
        PemFiles.WritePublic(Full($"{DevPkiLayout.TrustDirectory}/{hash}.r0"), PemFiles.Crl(crl));
        return new ManifestCa(Dn(ca.SubjectDN), hash, DevPkiLayout.CaCertificate, DevPkiLayout.CaKey, DevPkiLayout.Crl);
    }

    private ManifestAttributeAuthority WriteAttributeAuthority(X509Certificate aa, KeyMaterial key, X509Certificate ca)
    {
        PemFiles.WritePublic(Full(DevPkiLayout.AaCertificate), PemFiles.Certificate(aa));
        WriteKey(DevPkiLayout.AaKey, key);
        var vos = _users.Select(u => u.Vo).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var entries = vos.Select((vo, i) =>
        {
            // .lsc: the AA subject, then its issuer (italiangrid/voms api_util.cc check_from_file).
            PemFiles.WritePublic(Full(DevPkiLayout.Lsc(vo)), new StringBuilder().Append(Dn(aa.SubjectDN)).Append('\n')
                .Append(Dn(ca.SubjectDN)).Append('\n').ToString());
            PemFiles.WritePublic(Full(DevPkiLayout.VomsDirAaCertificate(vo)), PemFiles.Certificate(aa));
            return new ManifestVo(vo, $"{DevPkiLayout.AaHost}:{DevPkiLayout.FirstVomsPort + i}", DevPkiLayout.Lsc(vo));
        }).ToList();
        return new ManifestAttributeAuthority(DevPkiLayout.AaHost, Dn(aa.SubjectDN), DevPkiLayout.AaCertificate, DevPkiLayout.AaKey, entries);
    }

    private ManifestRogue WriteRogue(X509Certificate rogueCa, KeyMaterial caKey, X509Certificate rogueAa, KeyMaterial aaKey)
    {
        PemFiles.WritePublic(Full(DevPkiLayout.RogueCaCertificate), PemFiles.Certificate(rogueCa));
        WriteKey(DevPkiLayout.RogueCaKey, caKey);
        PemFiles.WritePublic(Full(DevPkiLayout.RogueAaCertificate), PemFiles.Certificate(rogueAa));
        WriteKey(DevPkiLayout.RogueAaKey, aaKey);
        return new ManifestRogue(Dn(rogueCa.SubjectDN), DevPkiLayout.RogueCaCertificate, DevPkiLayout.RogueCaKey,
            Dn(rogueAa.SubjectDN), DevPkiLayout.RogueAaCertificate, DevPkiLayout.RogueAaKey);
    }

    private ManifestHost WriteHost(SigningIdentity ca, string name, KeyMaterial key, DateTime notBefore, DateTime notAfter)
    {
        string[] dnsNames = [name, "localhost", "127.0.0.1"];
        var certificate = CertificateFactory.EndEntity(ca, DevNames.Create("Hydra", $"{name}.hydra-dev.org"), key.Public, notBefore, notAfter,
            EndEntityProfile.Host, dnsNames);
        PemFiles.WritePublic(Full(DevPkiLayout.HostCertificate(name)), PemFiles.Certificate(certificate));
        WriteKey(DevPkiLayout.HostKey(name), key);
        return new ManifestHost(name, Dn(certificate.SubjectDN), dnsNames, DevPkiLayout.HostCertificate(name), DevPkiLayout.HostKey(name),
            key.Private is ECPrivateKeyParameters ? ManifestHost.Ec : null);
    }

    private ManifestUser WriteUser(
        SigningIdentity ca, DevUserProfile profile, KeyMaterial key, DateTime notBefore, DateTime notAfter, List<BigInteger> revoked)
    {
        if (profile.Status == DevUserStatus.Expired)
        {
            (notBefore, notAfter) = (_now.AddDays(-400), _now.AddDays(-1));
        }

        var certificate = CertificateFactory.EndEntity(ca, DevNames.Create(profile.Organisation, profile.CommonName), key.Public, notBefore,
            notAfter, EndEntityProfile.User, []);
        if (profile.Status == DevUserStatus.Revoked)
        {
            revoked.Add(certificate.SerialNumber);
        }

        PemFiles.WritePublic(Full(DevPkiLayout.UserCertificate(profile.Name)), PemFiles.Certificate(certificate));
        WriteKey(DevPkiLayout.UserKey(profile.Name), key);
        return new ManifestUser(profile.Name, Dn(certificate.SubjectDN), profile.Organisation, profile.CommonName, profile.Vo, profile.Fqans,
            profile.Role, profile.Status, DevPkiLayout.UserCertificate(profile.Name), DevPkiLayout.UserKey(profile.Name));
    }

    private void WriteKey(string relative, KeyMaterial key)
    {
        PemFiles.WritePrivate(Full(relative), key.PrivateKeyPem);
        _privateKeys[relative] = key.Private;
    }

    private string Full(string relative) => Path.Combine(_folder, relative);

    private static string Dn(Org.BouncyCastle.Asn1.X509.X509Name name) => DistinguishedName.FromX509Name(name).ToString();
}

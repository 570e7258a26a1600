using System.Text;
using Org.BouncyCastle.X509;

namespace Hydra.CertsDev.Building;

/// <summary>Turns a <see cref="ProxyRequest"/> into a proxy file and its <see cref="ProxyCredential"/>.</summary>
internal sealed class ProxyMaker
{
    private static readonly TimeSpan ProxyBackdate = TimeSpan.FromMinutes(5);

    private readonly DevPki _pki;
    private readonly DateTime _now;

    public ProxyMaker(DevPki pki, DateTime now)
    {
        _pki = pki;
        _now = now;
    }

    public ProxyCredential Make(ProxyRequest request, string path)
    {
        var user = _pki.User(request.User);
        var issuer = request.IssueFrom is { } parent
            ? new SigningIdentity(parent.Certificate, parent.PrivateKey)
            : new SigningIdentity(user.Certificate, user.PrivateKey);
        var parentChain = request.IssueFrom?.Chain ?? [user.Certificate];
        var vo = request.WithoutAc ? null : request.Vo ?? (request.IssueFrom is null ? user.Profile.Vo : null);
        var fqans = vo is null ? [] : request.Fqans ?? user.Profile.Fqans;
        var ac = vo is null ? null : VomsAcFactory.Create(AcFor(request, user, vo, fqans));
        var key = KeyMaterial.Generate();
        var proxy = ProxyFactory.Create(new ProxySpecification(
            issuer,
            key.Public,
            request.ProxyNotBefore?.UtcDateTime ?? _now - ProxyBackdate,
            request.ProxyNotAfter?.UtcDateTime ?? _now + request.Lifetime,
            request.Limited,
            request.PathLength,
            ac,
            request.UnknownCriticalProxyExtension,
            request.SignWithWrongKey ? KeyMaterial.Generate().Private : null));

        IReadOnlyList<X509Certificate> chain = [proxy, .. parentChain];
        WriteProxyFile(path, chain, key);
        return new ProxyCredential(path, user.Name, chain, key.Private, vo, fqans);
    }

    private AcSpecification AcFor(ProxyRequest request, UserCredential user, string vo, IReadOnlyList<string> fqans)
    {
        var authority = request.AcSignedByRogueAuthority ? _pki.RogueAttributeAuthority : _pki.AttributeAuthority;
        var holder = request.AcHolder is null ? user.Certificate : _pki.User(request.AcHolder).Certificate;
        var policyAuthority = _pki.VoAuthorities.GetValueOrDefault(vo) ?? $"{_pki.AttributeAuthority.HostName}:{DevPkiLayout.FirstVomsPort}";
        return new AcSpecification(
            new SigningIdentity(authority.Certificate, authority.PrivateKey),
            holder,
            request.NewFormatHolder,
            vo,
            policyAuthority,
            fqans,
            request.AcNotBefore?.UtcDateTime ?? _now,
            request.AcNotAfter?.UtcDateTime ?? _now + (request.AcLifetime ?? request.Lifetime),
            request.AcTargets,
            request.UnknownCriticalAcExtension);
    }

    private static void WriteProxyFile(string path, IReadOnlyList<X509Certificate> chain, KeyMaterial key)
    {
        // voms-proxy-init's layout: proxy certificate, proxy key, then the chain without the CA. Whole file 0600.
        var content = new StringBuilder(PemFiles.Certificate(chain[0])).Append(key.PrivateKeyPem).Append('\n');
        foreach (var certificate in chain.Skip(1))
        {
            content.Append(PemFiles.Certificate(certificate));
        }

        PemFiles.WritePrivate(path, content.ToString());
    }
}

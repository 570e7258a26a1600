using Hydra.Client.Grid;
using Org.BouncyCastle.X509;

namespace Hydra.Keystore.Security;

/// <summary>
/// Turns the chain a client presented in TLS into a <see cref="CallerIdentity"/>: the RFC 3820 path up to the
/// end-entity certificate and on to a trusted CA (with CRLs), then the VOMS attribute certificates, of which only
/// validated FQANs count. A refusal is a <see cref="KeystoreException"/> naming the reason.
/// </summary>
internal sealed class CredentialAuthenticator
{
    private readonly TrustMaterial _trust;

    public CredentialAuthenticator(TrustMaterial trust)
    {
        _trust = trust;
    }

    /// <summary>The trust generation a result was computed under; a reload invalidates cached results.</summary>
    public long Generation => _trust.Generation;

    public CallerIdentity Authenticate(IReadOnlyList<X509Certificate> chain, string peer, DateTimeOffset now)
    {
        if (chain.Count == 0)
        {
            throw new KeystoreException(KeystoreError.Unauthenticated, "No client certificate was presented.");
        }

        try
        {
            var identity = _trust.ChainValidator.Validate(chain, now);
            var fqans = Array.Empty<Fqan>() as IReadOnlyList<Fqan>;
            var notAfter = identity.NotAfter;
            if (_trust.VomsValidator is { } voms)
            {
                var attributes = voms.Validate(identity, now);
                fqans = attributes.Fqans;
                foreach (var ac in attributes.Attributes)
                {
                    notAfter = ac.NotAfter < notAfter ? ac.NotAfter : notAfter;
                }
            }

            return new CallerIdentity(
                identity.Subject, identity.Issuer, fqans, identity.ProxyDepth, identity.IsLimited, notAfter, peer)
            {
                Certificate = identity.EndEntityCertificate,
            };
        }
        catch (GridCredentialException refused)
        {
            throw new KeystoreException(
                KeystoreError.Unauthenticated, $"The client credential was refused ({refused.Error}): {refused.Message}", refused);
        }
    }

    /// <summary>
    /// The identity a refused chain claims (its end-entity subject, no FQANs), so the refusal can be audited under
    /// the name the caller used.
    /// </summary>
    public static CallerIdentity Claimed(IReadOnlyList<X509Certificate> chain, string peer, DateTimeOffset now)
    {
        if (chain.Count == 0)
        {
            return new CallerIdentity(Anonymous, Anonymous, [], 0, false, now, peer);
        }

        // A proxy's subject is its issuer's subject plus one CN (RFC 3820 section 3.4); the first that is not is the EEC.
        var endEntity = chain.FirstOrDefault(c =>
            !DistinguishedName.FromX509Name(c.SubjectDN).IsParentPlusOneCommonName(DistinguishedName.FromX509Name(c.IssuerDN)))
            ?? chain[^1];
        return new CallerIdentity(
            DistinguishedName.FromX509Name(endEntity.SubjectDN),
            DistinguishedName.FromX509Name(endEntity.IssuerDN),
            [],
            chain.Count - 1,
            false,
            now,
            peer);
    }

    private static readonly DistinguishedName Anonymous = new([]);
}

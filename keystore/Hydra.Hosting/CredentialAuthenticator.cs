using Hydra.Access;
using Hydra.Grid;
using Org.BouncyCastle.X509;

namespace Hydra.Hosting;

/// <summary>
/// Turns the chain a client presented in TLS into a <see cref="CallerIdentity"/>: the RFC 3820 path up to the
/// end-entity certificate and on to a trusted CA (with CRLs), then the VOMS attribute certificates, of which only
/// validated FQANs count. A refusal is a <see cref="CredentialRefusedException"/> naming the reason.
/// </summary>
public sealed class CredentialAuthenticator
{
    private const int MaxCachedDelegations = 4096;

    private readonly TrustMaterial _trust;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Generation, CallerIdentity Identity)> _delegated = new();

    public CredentialAuthenticator(TrustMaterial trust)
    {
        _trust = trust;
    }

    /// <summary>
    /// The reader a delegate acts for, validated like a direct caller (cached by chain until it expires or trust is
    /// reloaded: the bridge sends the same reader's chain for every image of a study).
    /// </summary>
    public CallerIdentity AuthenticateDelegated(IReadOnlyList<X509Certificate> chain, CallerIdentity @delegate, DateTimeOffset now)
    {
        var fingerprint = Fingerprint(chain);
        var generation = Generation;
        if (_delegated.TryGetValue(fingerprint, out var cached) && cached.Generation == generation && now <= cached.Identity.NotAfter)
        {
            return cached.Identity with { Peer = @delegate.Peer, Delegate = @delegate.SubjectText };
        }

        var reader = Authenticate(chain, @delegate.Peer, now) with { Delegate = @delegate.SubjectText };
        if (_delegated.Count >= MaxCachedDelegations)
        {
            _delegated.Clear();
        }

        _delegated[fingerprint] = (generation, reader);
        return reader;
    }

    private static string Fingerprint(IReadOnlyList<X509Certificate> chain)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var certificate in chain)
        {
            hash.AppendData(certificate.GetEncoded());
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>The trust generation a result was computed under; a reload invalidates cached results.</summary>
    public long Generation => _trust.Generation;

    public CallerIdentity Authenticate(IReadOnlyList<X509Certificate> chain, string peer, DateTimeOffset now)
    {
        if (chain.Count == 0)
        {
            throw new CredentialRefusedException("No client certificate was presented.");
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
                IsHost = identity.IsHost,
            };
        }
        catch (GridCredentialException refused)
        {
            throw new CredentialRefusedException($"The client credential was refused ({refused.Error}): {refused.Message}", refused);
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

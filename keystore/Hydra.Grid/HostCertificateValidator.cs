using System.Net;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>
/// Checks a server's host certificate (a keystore node, a peer node, the bridge): a valid end-entity certificate (no
/// proxy) from a CA of the grid trust store, not revoked, fit for TLS servers, and carrying the identity the
/// configuration expects. gLite Hydra disabled host-name checks; Hydra always makes them.
/// </summary>
public sealed class HostCertificateValidator
{
    private readonly GridTrustStore _trustStore;
    private readonly ProxyChainValidator _chainValidator;
    private readonly TimeProvider _time;

    public HostCertificateValidator(GridTrustStore trustStore, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(trustStore);
        _trustStore = trustStore;
        _chainValidator = new ProxyChainValidator(trustStore);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The trust store's generation: a check made under an older one must be made again (a CRL arrived).</summary>
    public long TrustGeneration => _trustStore.Generation;

    /// <summary>Returns null when <paramref name="chain"/> proves <paramref name="expectedIdentity"/>, else why not.</summary>
    public string? Check(IReadOnlyList<X509Certificate> chain, string expectedIdentity)
    {
        GridIdentity identity;
        try
        {
            identity = _chainValidator.Validate(chain, _time.GetUtcNow());
        }
        catch (GridCredentialException ex)
        {
            return ex.Message;
        }

        if (identity.ProxyDepth != 0)
        {
            return "the server presented a proxy certificate instead of a host certificate.";
        }

        var leaf = identity.EndEntityCertificate;
        if (!HostCertificates.MayServeTls(leaf))
        {
            return $"the certificate of {identity.Subject} is not for TLS servers (no serverAuth extended key usage).";
        }

        return MatchesIdentity(leaf, identity.Subject, expectedIdentity)
            ? null
            : $"the certificate of {identity.Subject} does not name '{expectedIdentity}'.";
    }

    /// <summary>
    /// Whether <paramref name="leaf"/> (whose subject is <paramref name="subject"/>) names <paramref name="expected"/>:
    /// <c>dn:</c> and an exact subject, an IP address in its IP SANs, or a DNS name in its DNS SANs.
    /// </summary>
    public static bool MatchesIdentity(X509Certificate leaf, DistinguishedName subject, string expected)
    {
        if (expected.StartsWith("dn:", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return DistinguishedName.Parse(expected[3..]).Equals(subject);
            }
            catch (FormatException)
            {
                return false;
            }
        }

        var names = leaf.GetSubjectAlternativeNameExtension()?.GetNames() ?? [];
        if (IPAddress.TryParse(expected, out var address))
        {
            var bytes = address.GetAddressBytes();
            return names.Any(n => n.TagNo == GeneralName.IPAddress
                && Org.BouncyCastle.Asn1.Asn1OctetString.GetInstance(n.Name).GetOctets().AsSpan().SequenceEqual(bytes));
        }

        return names.Any(n => n.TagNo == GeneralName.DnsName
            && string.Equals(n.Name.ToString(), expected, StringComparison.OrdinalIgnoreCase));
    }
}

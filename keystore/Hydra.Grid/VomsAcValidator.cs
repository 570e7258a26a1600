using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>
/// Validates VOMS attribute certificates the way VOMS C (validate.cc) and voms-api-java do: the AA is found through
/// the vomsdir (.lsc plus the AA chain embedded in the AC, or AA certificate files) and chained to a trusted CA with
/// its CRL; then signature, AKI, validity (with skew), holder (old and new format, by hand: BouncyCastle's
/// AttributeCertificateHolder.Match only knows the new format), targets, critical extensions and FQANs. Only ACs that
/// pass count. Thread-safe.
/// </summary>
public sealed class VomsAcValidator
{
    private readonly AttributeAuthorityResolver _resolver;
    private readonly VomsAcValidatorOptions _options;

    public VomsAcValidator(GridTrustStore trustStore, VomsTrustStore vomsStore, VomsAcValidatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trustStore);
        ArgumentNullException.ThrowIfNull(vomsStore);
        _resolver = new AttributeAuthorityResolver(trustStore, vomsStore);
        _options = options ?? VomsAcValidatorOptions.Default;
    }

    /// <summary>Validates the ACs carried in the proxies of an already validated chain.</summary>
    /// <exception cref="GridCredentialException">An AC is invalid and <see cref="VomsAcValidatorOptions.FailOnInvalidAc"/> is set.</exception>
    public VomsValidationResult Validate(GridIdentity identity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var proxies = identity.Chain.Take(identity.ProxyDepth).ToArray();
        return Validate(VomsAttributeCertificates.FromChain(proxies), identity, now);
    }

    /// <summary>Validates ACs presented separately (e.g. in request metadata) for the holder <paramref name="identity"/>.</summary>
    /// <exception cref="GridCredentialException">An AC is invalid and <see cref="VomsAcValidatorOptions.FailOnInvalidAc"/> is set.</exception>
    public VomsValidationResult Validate(IReadOnlyList<X509V2AttributeCertificate> acs, GridIdentity identity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(acs);
        ArgumentNullException.ThrowIfNull(identity);
        var valid = new List<VomsAttributes>();
        var rejected = new List<GridCredentialException>();
        foreach (var ac in acs)
        {
            try
            {
                valid.Add(ValidateOne(ac, identity.EndEntityCertificate, now));
            }
            catch (GridCredentialException exception) when (!_options.FailOnInvalidAc)
            {
                rejected.Add(exception);
            }
        }

        return new VomsValidationResult(valid, rejected);
    }

    /// <summary>Validates one AC for the end-entity certificate <paramref name="holder"/>.</summary>
    /// <exception cref="GridCredentialException">The AC is invalid.</exception>
    public VomsAttributes ValidateOne(X509V2AttributeCertificate ac, X509Certificate holder, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ac);
        ArgumentNullException.ThrowIfNull(holder);
        var content = ReadContent(ac);
        var aa = _resolver.Resolve(ac, content, now);
        CheckAuthorityKeyIdentifier(ac, aa);
        CheckValidity(ac, now);
        var holderFormat = CheckHolder(content, holder);
        var targets = CheckExtensions(ac);
        var fqans = CheckFqans(content);
        return new VomsAttributes(content.Vo, fqans, content.PolicyAuthority, DistinguishedName.FromX509Name(aa.SubjectDN),
            new DateTimeOffset(ac.NotBefore, TimeSpan.Zero), new DateTimeOffset(ac.NotAfter, TimeSpan.Zero), holderFormat, targets);
    }

    private static VomsAcContent ReadContent(X509V2AttributeCertificate ac)
    {
        try
        {
            return VomsAcContent.Read(ac);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidCastException or IOException)
        {
            throw new GridCredentialException(GridCredentialError.AcMalformed, "The attribute certificate cannot be parsed.", exception);
        }
    }

    private static void CheckAuthorityKeyIdentifier(X509V2AttributeCertificate ac, X509Certificate aa)
    {
        var value = ac.GetExtensionValue(X509Extensions.AuthorityKeyIdentifier);
        if (value is null)
        {
            throw new GridCredentialException(GridCredentialError.AcMalformed, "The attribute certificate lacks the authorityKeyIdentifier extension.");
        }

        var keyId = AuthorityKeyIdentifier.GetInstance(Asn1Object.FromByteArray(value.GetOctets())).KeyIdentifier?.GetOctets();
        var ski = aa.GetExtensionValue(X509Extensions.SubjectKeyIdentifier) is { } skiValue
            ? Asn1OctetString.GetInstance(Asn1Object.FromByteArray(skiValue.GetOctets())).GetOctets()
            : null;
#pragma warning disable CA5350 // RFC 5280 §4.2.1.2 method 1 defines the key identifier as SHA-1; VOMS compares to it.
        var method1 = SHA1.HashData(aa.SubjectPublicKeyInfo.PublicKey.GetBytes());
#pragma warning restore CA5350
        if (keyId is null || !(keyId.AsSpan().SequenceEqual(ski) || keyId.AsSpan().SequenceEqual(method1)))
        {
            throw Untrusted($"its authorityKeyIdentifier does not identify the key of '{CertificateChecks.Describe(aa)}'");
        }
    }

    private void CheckValidity(X509V2AttributeCertificate ac, DateTimeOffset now)
    {
        if (now.UtcDateTime + _options.ClockSkew < ac.NotBefore)
        {
            throw new GridCredentialException(GridCredentialError.AcNotYetValid, $"The attribute certificate is not valid before {ac.NotBefore:u}.");
        }

        if (now.UtcDateTime - _options.ClockSkew > ac.NotAfter)
        {
            throw new GridCredentialException(GridCredentialError.AcExpired, $"The attribute certificate expired at {ac.NotAfter:u}.");
        }
    }

    private static AcHolderFormat CheckHolder(VomsAcContent content, X509Certificate holder)
    {
        var subject = DistinguishedName.FromX509Name(holder.SubjectDN);
        if (content.HolderId is null)
        {
            throw new GridCredentialException(GridCredentialError.AcHolderMismatch, "The attribute certificate names no holder baseCertificateID.");
        }

        var names = content.HolderId.Issuer.GetNames()
            .Where(n => n.TagNo == GeneralName.DirectoryName)
            .Select(n => DistinguishedName.FromX509Name(X509Name.GetInstance(n.Name)))
            .ToArray();
        var serialMatches = content.HolderId.Serial.Value.Equals(holder.SerialNumber);
        if (serialMatches && names.Any(subject.Equals))
        {
            return AcHolderFormat.HolderSubject;
        }

        if (serialMatches && names.Any(DistinguishedName.FromX509Name(holder.IssuerDN).Equals))
        {
            return AcHolderFormat.HolderIssuer;
        }

        throw new GridCredentialException(GridCredentialError.AcHolderMismatch,
            $"The attribute certificate's holder ('{string.Join<DistinguishedName>(", ", names)}', serial {content.HolderId.Serial.Value.ToString(16)}) is not the certificate '{subject}' (serial {holder.SerialNumber.ToString(16)}).");
    }

    private IReadOnlyList<string> CheckExtensions(X509V2AttributeCertificate ac)
    {
        foreach (var oid in ac.GetCriticalExtensionOids() ?? new HashSet<string>())
        {
            if (oid != GridOids.TargetInformation.Id)
            {
                throw new GridCredentialException(GridCredentialError.UnknownCriticalExtension,
                    $"The attribute certificate has the critical extension {oid}; only targetInformation may be critical.");
            }
        }

        if (ac.GetExtensionValue(GridOids.NoRevocationAvailable) is null)
        {
            throw new GridCredentialException(GridCredentialError.AcMalformed, "The attribute certificate lacks the noRevAvail extension.");
        }

        var value = ac.GetExtensionValue(GridOids.TargetInformation);
        if (value is null)
        {
            return [];
        }

        IReadOnlyList<string> targets;
        try
        {
            targets = AcTargets.Read(Asn1Object.FromByteArray(value.GetOctets()));
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or InvalidCastException)
        {
            throw new GridCredentialException(GridCredentialError.AcMalformed, "The AC's targetInformation cannot be parsed.", exception);
        }

        if (!targets.Any(t => _options.LocalHostNames.Contains(t, StringComparer.OrdinalIgnoreCase)))
        {
            throw new GridCredentialException(GridCredentialError.AcTargetMismatch,
                $"The attribute certificate is targeted at '{string.Join(", ", targets)}', which does not include this service ('{string.Join(", ", _options.LocalHostNames)}').");
        }

        return targets;
    }

    private static IReadOnlyList<Fqan> CheckFqans(VomsAcContent content) => [.. content.RawFqans.Select(raw =>
    {
        if (!Fqan.TryParse(raw, out var fqan))
        {
            throw new GridCredentialException(GridCredentialError.AcInvalidFqan, $"The attribute certificate carries the malformed FQAN '{raw}'.");
        }

        if (!string.Equals(fqan.Vo, content.Vo, StringComparison.Ordinal))
        {
            throw new GridCredentialException(GridCredentialError.AcInvalidFqan,
                $"The attribute certificate of VO '{content.Vo}' carries the FQAN '{raw}', outside its VO.");
        }

        return fqan;
    })];

    private static GridCredentialException Untrusted(string problem) =>
        new(GridCredentialError.AcUntrustedIssuer, $"The attribute certificate is not trusted: {problem}.");
}

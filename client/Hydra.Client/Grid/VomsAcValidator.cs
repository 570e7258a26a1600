using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;

namespace Hydra.Client.Grid;

/// <summary>
/// Validates VOMS attribute certificates the way VOMS C (validate.cc) and voms-api-java do: the AA is found through
/// the vomsdir (.lsc plus the AA chain embedded in the AC, or AA certificate files) and chained to a trusted CA with
/// its CRL; then signature, AKI, validity (with skew), holder (old and new format, by hand: BouncyCastle's
/// AttributeCertificateHolder.Match only knows the new format), targets, critical extensions and FQANs. Only ACs that
/// pass count. Thread-safe.
/// </summary>
public sealed class VomsAcValidator
{
    private readonly GridTrustStore _trustStore;
    private readonly VomsTrustStore _vomsStore;
    private readonly VomsAcValidatorOptions _options;

    public VomsAcValidator(GridTrustStore trustStore, VomsTrustStore vomsStore, VomsAcValidatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trustStore);
        ArgumentNullException.ThrowIfNull(vomsStore);
        _trustStore = trustStore;
        _vomsStore = vomsStore;
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
        var aa = FindAttributeAuthority(ac, content, now);
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

    private X509Certificate FindAttributeAuthority(X509V2AttributeCertificate ac, VomsAcContent content, DateTimeOffset now)
    {
        var host = content.PolicyAuthority[..content.PolicyAuthority.LastIndexOf(':')];
        var embedded = EmbeddedChain(ac);
        var lsc = _vomsStore.FindLsc(content.Vo, host);
        X509Certificate aa;
        if (lsc is not null && embedded.Count > 0)
        {
            var pairs = embedded.Select(c => (DistinguishedName.FromX509Name(c.SubjectDN), DistinguishedName.FromX509Name(c.IssuerDN))).ToArray();
            if (!lsc.Matches(pairs))
            {
                throw Untrusted($"its embedded AA certificate '{pairs[0].Item1}' (issuer '{pairs[0].Item2}') is not listed in {content.Vo}/{host}.lsc");
            }

            aa = embedded[0];
            RequireSignature(ac, aa);
            RequireEmbeddedChain(embedded);
        }
        else
        {
            aa = _vomsStore.AttributeAuthorities(content.Vo)
                     .Where(c => DistinguishedName.FromX509Name(c.SubjectDN).Equals(content.Issuer))
                     .FirstOrDefault(c => SignatureVerifies(ac, c))
                 ?? throw Untrusted($"no .lsc file for {content.Vo}/{host} and no AA certificate in the vomsdir for '{content.Issuer}' verifies it");
        }

        if (!DistinguishedName.FromX509Name(aa.SubjectDN).Equals(content.Issuer))
        {
            throw Untrusted($"its issuer '{content.Issuer}' is not the AA certificate's subject '{DistinguishedName.FromX509Name(aa.SubjectDN)}'");
        }

        ValidateAuthorityPath(embedded.Count > 0 && lsc is not null ? embedded[^1] : aa, aa, now);
        return aa;
    }

    private void ValidateAuthorityPath(X509Certificate top, X509Certificate aa, DateTimeOffset now)
    {
        try
        {
            CertificateChecks.RequireValidAt(aa, now, TimeSpan.Zero, "AA");
            _trustStore.ValidatePath(top, now, "AA");
        }
        catch (GridCredentialException exception)
        {
            throw new GridCredentialException(GridCredentialError.AcUntrustedIssuer,
                $"The AA certificate '{DistinguishedName.FromX509Name(aa.SubjectDN)}' is not trusted: {exception.Message}", exception);
        }
    }

    private List<X509Certificate> EmbeddedChain(X509V2AttributeCertificate ac)
    {
        var value = ac.GetExtensionValue(GridOids.VomsCertificates);
        if (value is null)
        {
            return [];
        }

        try
        {
            // SEQUENCE { SEQUENCE OF Certificate }, element 0 is the signer (VOMS api_util.cc check_from_file).
            var outer = Asn1Sequence.GetInstance(Asn1Object.FromByteArray(value.GetOctets()));
            var inner = Asn1Sequence.GetInstance(outer[0]);
            return [.. inner.Cast<Asn1Encodable>().Select(c => _vomsStore.ParseEmbedded(c.GetEncoded(Asn1Encodable.Der)))];
        }
        catch (Exception exception) when (exception is ArgumentException or IOException or InvalidCastException
                                              or CertificateException or IndexOutOfRangeException)
        {
            throw new GridCredentialException(GridCredentialError.AcMalformed, "The AC's embedded AA certificates cannot be parsed.", exception);
        }
    }

    private static void RequireEmbeddedChain(List<X509Certificate> embedded)
    {
        for (var i = 0; i + 1 < embedded.Count; i++)
        {
            if (!CertificateChecks.IsSignedBy(embedded[i], embedded[i + 1].GetPublicKey()))
            {
                throw Untrusted($"its embedded certificate '{CertificateChecks.Describe(embedded[i])}' is not signed by the next one");
            }
        }
    }

    private static void RequireSignature(X509V2AttributeCertificate ac, X509Certificate aa)
    {
        if (!SignatureVerifies(ac, aa))
        {
            throw new GridCredentialException(GridCredentialError.AcBadSignature,
                $"The attribute certificate's signature does not verify with the key of '{CertificateChecks.Describe(aa)}'.");
        }
    }

    private static bool SignatureVerifies(X509V2AttributeCertificate ac, X509Certificate aa)
    {
        try
        {
            return ac.IsSignatureValid(aa.GetPublicKey());
        }
        catch (Exception exception) when (exception is CertificateException or ArgumentException or InvalidOperationException
                                              or Org.BouncyCastle.Security.InvalidKeyException)
        {
            return false;
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

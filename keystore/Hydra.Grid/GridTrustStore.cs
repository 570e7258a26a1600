using System.Text.RegularExpressions;
using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>
/// The grid trust anchors: a directory laid out as <c>openssl rehash</c> and fetch-crl leave it
/// (<c>&lt;hash&gt;.N</c> CA certificates, <c>&lt;hash&gt;.rN</c> CRLs). No system store and no network are used.
/// Every CRL is verified against its CA's key when loaded; <see cref="Reload"/> swaps in a fresh snapshot atomically
/// and keeps the old one if the directory cannot be read.
/// </summary>
public sealed partial class GridTrustStore
{
    private const int MaxPathLength = 8;

    private static readonly HashSet<string> HandledCaExtensions =
    [
        "2.5.29.15", // keyUsage
        "2.5.29.19", // basicConstraints
        "2.5.29.37", // extKeyUsage
        "2.5.29.17", // subjectAltName
        "2.5.29.32", // certificatePolicies: any policy is acceptable here
        "2.5.29.36", // policyConstraints
        "2.5.29.54", // inhibitAnyPolicy
    ];

    private volatile TrustSnapshot _snapshot;
    private long _generation;

    private GridTrustStore(string directory, GridTrustStoreOptions options, TrustSnapshot snapshot)
    {
        Directory = directory;
        Options = options;
        _snapshot = snapshot;
    }

    /// <summary>The trust directory.</summary>
    public string Directory { get; }

    /// <summary>The revocation policy.</summary>
    public GridTrustStoreOptions Options { get; }

    /// <summary>The trusted CA certificates of the current snapshot.</summary>
    public IReadOnlyList<X509Certificate> Authorities => [.. _snapshot.Authorities.Select(a => a.Certificate)];

    /// <summary>Loads <paramref name="directory"/>.</summary>
    /// <exception cref="GridCredentialException">A file cannot be parsed, or a CRL matches no CA's key.</exception>
    public static GridTrustStore Load(string directory, GridTrustStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        return new GridTrustStore(full, options ?? GridTrustStoreOptions.Default, ReadSnapshot(full));
    }

    /// <summary>Increases on every successful <see cref="Reload"/>: checks made under an older generation may be stale.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Reads the directory again (e.g. after fetch-crl ran). On failure the previous snapshot stays.</summary>
    /// <exception cref="GridCredentialException">The directory cannot be read; nothing changed.</exception>
    public void Reload() => PrepareReload()();

    /// <summary>Reads the directory without applying it; the returned action puts that reading in force.</summary>
    /// <exception cref="GridCredentialException">The directory cannot be read; nothing changed.</exception>
    internal Action PrepareReload()
    {
        var snapshot = ReadSnapshot(Directory);
        return () =>
        {
            _snapshot = snapshot;
            Interlocked.Increment(ref _generation);
        };
    }

    /// <summary>
    /// Validates <paramref name="certificate"/> up to a self-issued trusted root: signatures, validity, CA
    /// basicConstraints and keyUsage, path lengths and CRLs. Returns the earliest notAfter on the path.
    /// </summary>
    internal DateTimeOffset ValidatePath(X509Certificate certificate, DateTimeOffset now, string role)
    {
        var snapshot = _snapshot;
        var notAfter = new DateTimeOffset(certificate.NotAfter, TimeSpan.Zero);
        var current = certificate;
        for (var caDepth = 0; caDepth < MaxPathLength; caDepth++)
        {
            var authority = FindIssuer(snapshot, current, role);
            CheckAuthority(authority, caDepth, now);
            CheckRevocation(authority, current, now, role);
            notAfter = Min(notAfter, new DateTimeOffset(authority.Certificate.NotAfter, TimeSpan.Zero));
            if (authority.IsSelfIssued)
            {
                return notAfter;
            }

            current = authority.Certificate;
            role = "CA";
        }

        throw new GridCredentialException(GridCredentialError.UntrustedIssuer,
            $"The CA path of '{CertificateChecks.Describe(certificate)}' is longer than {MaxPathLength}.");
    }

    private static TrustedAuthority FindIssuer(TrustSnapshot snapshot, X509Certificate certificate, string role)
    {
        var issuer = DistinguishedName.FromX509Name(certificate.IssuerDN);
        if (!snapshot.BySubject.TryGetValue(issuer, out var candidates))
        {
            throw new GridCredentialException(GridCredentialError.UntrustedIssuer,
                $"The {role} certificate '{CertificateChecks.Describe(certificate)}' was issued by '{issuer}', which is not a trusted CA.");
        }

        return candidates.FirstOrDefault(c => CertificateChecks.IsSignedBy(certificate, c.PublicKey))
            ?? throw new GridCredentialException(GridCredentialError.BadSignature,
                $"The signature of the {role} certificate '{CertificateChecks.Describe(certificate)}' does not verify with the key of the trusted CA '{issuer}'.");
    }

    private static void CheckAuthority(TrustedAuthority authority, int caDepth, DateTimeOffset now)
    {
        var ca = authority.Certificate;
        CertificateChecks.RequireValidAt(ca, now, TimeSpan.Zero, "CA");
        CertificateChecks.RejectUnknownCriticalExtensions(ca, HandledCaExtensions, "CA");
        var pathLength = ca.GetBasicConstraints();
        if (pathLength < 0 || !CertificateChecks.AllowsKeyUsage(ca, KeyUsageBits.KeyCertSign))
        {
            throw new GridCredentialException(GridCredentialError.InvalidCertificateUsage,
                $"The trusted certificate '{authority.Subject}' ({authority.FileName}) is not a CA (basicConstraints or keyUsage).");
        }

        if (pathLength != int.MaxValue && caDepth > pathLength)
        {
            throw new GridCredentialException(GridCredentialError.PathLengthExceeded,
                $"The CA '{authority.Subject}' allows {pathLength} CAs below it; the path has {caDepth}.");
        }
    }

    private void CheckRevocation(TrustedAuthority authority, X509Certificate certificate, DateTimeOffset now, string role)
    {
        var crl = authority.Crl;
        if (crl is null)
        {
            if (Options.RequireCrl)
            {
                throw new GridCredentialException(GridCredentialError.CrlUnavailable,
                    $"The CA '{authority.Subject}' has no CRL in '{Directory}', and a CRL is required.");
            }

            return;
        }

        if (Options.RejectStaleCrl && crl.NextUpdate is { } nextUpdate && now.UtcDateTime > nextUpdate)
        {
            throw new GridCredentialException(GridCredentialError.CrlUnavailable,
                $"The CRL of the CA '{authority.Subject}' is stale: its nextUpdate was {nextUpdate:u}.");
        }

        if (crl.GetRevokedCertificate(certificate.SerialNumber) is { } entry)
        {
            throw new GridCredentialException(GridCredentialError.Revoked,
                $"The {role} certificate '{CertificateChecks.Describe(certificate)}' (serial {certificate.SerialNumber.ToString(16)}) was revoked at {entry.RevocationDate:u} by '{authority.Subject}'.");
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static TrustSnapshot ReadSnapshot(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new GridCredentialException(GridCredentialError.CredentialNotFound,
                $"The trust directory '{directory}' does not exist.");
        }

        var files = System.IO.Directory.GetFiles(directory).Order(StringComparer.Ordinal).ToArray();
        var authorities = new List<TrustedAuthority>();
        foreach (var file in files.Where(f => CertificateFileName().IsMatch(Path.GetFileName(f))))
        {
            authorities.AddRange(ReadCertificates(file).Select(c => new TrustedAuthority(c, Path.GetFileName(file))));
        }

        var snapshot = new TrustSnapshot(authorities);
        foreach (var file in files.Where(f => CrlFileName().IsMatch(Path.GetFileName(f))))
        {
            AttachCrl(snapshot, file);
        }

        return snapshot;
    }

    private static IEnumerable<X509Certificate> ReadCertificates(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            var certificates = new X509CertificateParser().ReadCertificates(stream);
            if (certificates.Count == 0)
            {
                throw new GridCredentialException(GridCredentialError.Malformed, $"The trust file '{file}' holds no certificate.");
            }

            return certificates;
        }
        catch (Exception exception) when (exception is CertificateException or IOException or ArgumentException)
        {
            throw new GridCredentialException(GridCredentialError.Malformed, $"The trust file '{file}' cannot be parsed.", exception);
        }
    }

    private static void AttachCrl(TrustSnapshot snapshot, string file)
    {
        X509Crl crl;
        try
        {
            using var stream = File.OpenRead(file);
            crl = new X509CrlParser().ReadCrl(stream)
                ?? throw new GridCredentialException(GridCredentialError.Malformed, $"The CRL file '{file}' holds no CRL.");
        }
        catch (Exception exception) when (exception is CrlException or IOException or ArgumentException)
        {
            throw new GridCredentialException(GridCredentialError.Malformed, $"The CRL file '{file}' cannot be parsed.", exception);
        }

        var issuer = DistinguishedName.FromX509Name(crl.IssuerDN);
        var authority = snapshot.BySubject.GetValueOrDefault(issuer)?.FirstOrDefault(a => CrlVerifies(crl, a));
        if (authority is null)
        {
            throw new GridCredentialException(GridCredentialError.BadSignature,
                $"The CRL '{file}' of '{issuer}' is not signed by any trusted CA of that name.");
        }

        if (authority.Crl is null || crl.ThisUpdate > authority.Crl.ThisUpdate)
        {
            authority.Crl = crl;
        }
    }

    private static bool CrlVerifies(X509Crl crl, TrustedAuthority authority)
    {
        try
        {
            return crl.IsSignatureValid(authority.PublicKey);
        }
        catch (Exception exception) when (exception is CrlException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex("^[0-9a-f]{8}\\.[0-9]+$")]
    private static partial Regex CertificateFileName();

    [GeneratedRegex("^[0-9a-f]{8}\\.r[0-9]+$")]
    private static partial Regex CrlFileName();
}

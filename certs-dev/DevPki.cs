using System.Text.Json;
using Hydra.CertsDev.Building;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;

namespace Hydra.CertsDev;

/// <summary>
/// A grid-style PKI for development and tests only: a root CA and its CRL, host certificates, a cast of users, a
/// VOMS attribute authority with the vomsdir layout, the hashed trust directory, a rogue CA and AA for negative tests,
/// and on request RFC 3820 proxies carrying VOMS ACs. <see cref="Create"/> makes one in a folder (about a second: key
/// generation dominates); <see cref="Load"/> reopens it. Never use it to protect real data.
/// </summary>
public sealed class DevPki
{
    private readonly DevPkiManifest _manifest;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, HostCredential> _hosts;
    private readonly Dictionary<string, UserCredential> _users;
    private int _proxyCount;
    private long _crlNumber = 1; // the CRL made with the PKI is number 1

    private readonly IReadOnlyDictionary<string, AsymmetricKeyParameter> _knownKeys;

    private DevPki(string folder, DevPkiManifest manifest, TimeProvider timeProvider, IReadOnlyDictionary<string, AsymmetricKeyParameter>? knownKeys)
    {
        Folder = folder;
        _knownKeys = knownKeys ?? new Dictionary<string, AsymmetricKeyParameter>();
        _manifest = manifest;
        _timeProvider = timeProvider;
        CaCertificate = ReadCertificate(manifest.Ca.Certificate);
        Crl = ReadCrl(manifest.Ca.Crl);
        AttributeAuthority = new AttributeAuthorityCredential(manifest.AttributeAuthority.Host,
            ReadCertificate(manifest.AttributeAuthority.Certificate), ReadKey(manifest.AttributeAuthority.Key),
            FullPath(manifest.AttributeAuthority.Certificate), FullPath(manifest.AttributeAuthority.Key));
        RogueAttributeAuthority = new AttributeAuthorityCredential(manifest.AttributeAuthority.Host,
            ReadCertificate(manifest.Rogue.AaCertificate), ReadKey(manifest.Rogue.AaKey),
            FullPath(manifest.Rogue.AaCertificate), FullPath(manifest.Rogue.AaKey));
        RogueCa = new DevCredential(ReadCertificate(manifest.Rogue.CaCertificate), ReadKey(manifest.Rogue.CaKey),
            FullPath(manifest.Rogue.CaCertificate), FullPath(manifest.Rogue.CaKey));
        _hosts = manifest.Hosts.ToDictionary(h => h.Name, h => new HostCredential(h.Name, h.DnsNames, ReadCertificate(h.Certificate),
            ReadKey(h.Key), FullPath(h.Certificate), FullPath(h.Key)), StringComparer.Ordinal);
        _users = manifest.Users.ToDictionary(u => u.Name, u => new UserCredential(
            new DevUserProfile(u.Name, u.Organisation, u.CommonName, u.Vo, u.Fqans, u.Role, u.Status),
            ReadCertificate(u.Certificate), ReadKey(u.Key), FullPath(u.Certificate), FullPath(u.Key)), StringComparer.Ordinal);
        VoAuthorities = manifest.AttributeAuthority.Vos.ToDictionary(v => v.Vo, v => v.Uri, StringComparer.Ordinal);
    }

    /// <summary>The PKI's folder (absolute).</summary>
    public string Folder { get; }

    /// <summary><c>manifest.json</c>: the cast, VOs and FQANs, for demos and tests.</summary>
    public string ManifestPath => FullPath(DevPkiLayout.Manifest);

    /// <summary>The CA certificate (PEM).</summary>
    public string CaCertificatePath => FullPath(_manifest.Ca.Certificate);

    /// <summary>The CA's CRL (PEM), listing the revoked user.</summary>
    public string CrlPath => FullPath(_manifest.Ca.Crl);

    /// <summary>The grid trust directory (<c>X509_CERT_DIR</c>): <c>&lt;hash&gt;.0</c> and <c>&lt;hash&gt;.r0</c>.</summary>
    public string TrustDirectory => FullPath(_manifest.TrustDirectory);

    /// <summary>The VOMS trust directory (<c>X509_VOMS_DIR</c>): <c>&lt;vo&gt;/voms.hydra-dev.org.lsc</c>.</summary>
    public string VomsDirectory => FullPath(_manifest.VomsDirectory);

    /// <summary>The OpenSSL subject hash of the CA (the name of its files in <see cref="TrustDirectory"/>).</summary>
    public string CaHash => _manifest.Ca.Hash;

    /// <summary>The CA certificate.</summary>
    public X509Certificate CaCertificate { get; }

    /// <summary>The CRL (the newest, after <see cref="Revoke"/>).</summary>
    public X509Crl Crl { get; private set; }

    /// <summary>The trusted VOMS AA (VOs hospital and biomed).</summary>
    public AttributeAuthorityCredential AttributeAuthority { get; }

    /// <summary>An AA with the trusted AA's DN, issued by the untrusted <see cref="RogueCa"/>; not in the vomsdir.</summary>
    public AttributeAuthorityCredential RogueAttributeAuthority { get; }

    /// <summary>A second CA that nothing trusts.</summary>
    public DevCredential RogueCa { get; }

    /// <summary>VO name to the AA's <c>host:port</c> for that VO (policy authority URIs).</summary>
    public IReadOnlyDictionary<string, string> VoAuthorities { get; }

    /// <summary>Every host credential.</summary>
    public IReadOnlyList<HostCredential> Hosts => [.. _manifest.Hosts.Select(h => _hosts[h.Name])];

    /// <summary>Every user credential, cast first.</summary>
    public IReadOnlyList<UserCredential> Users => [.. _manifest.Users.Select(u => _users[u.Name])];

    /// <summary>Creates a PKI in <paramref name="folder"/> (created if missing).</summary>
    /// <exception cref="DevPkiException">The folder already holds a PKI and <see cref="DevPkiOptions.Force"/> is not set.</exception>
    public static DevPki Create(string folder, DevPkiOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        options ??= DevPkiOptions.Default;
        timeProvider ??= TimeProvider.System;
        DevPkiOptionsValidator.Validate(options);
        var full = Path.GetFullPath(folder);
        PrepareFolder(full, options.Force);
        var generator = new DevPkiGenerator(full, options, WholeSeconds(timeProvider.GetUtcNow()));
        var manifest = generator.Generate();
        PemFiles.WritePublic(Path.Combine(full, DevPkiLayout.Manifest), manifest.ToJson());
        return new DevPki(full, manifest, timeProvider, generator.PrivateKeys);
    }

    /// <summary>Reopens the PKI in <paramref name="folder"/>.</summary>
    /// <exception cref="DevPkiException">The folder is not a dev PKI, or its files are damaged.</exception>
    public static DevPki Load(string folder, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var full = Path.GetFullPath(folder);
        var manifestPath = Path.Combine(full, DevPkiLayout.Manifest);
        if (!File.Exists(manifestPath))
        {
            throw new DevPkiException($"'{full}' is not a dev PKI: it has no {DevPkiLayout.Manifest}. Create one with 'hydra-certs init --out {folder}'.");
        }

        try
        {
            var manifest = DevPkiManifest.FromJson(File.ReadAllText(manifestPath));
            if (manifest.Format != DevPkiManifest.CurrentFormat)
            {
                throw new DevPkiException($"'{manifestPath}' has format {manifest.Format}; this tool reads format {DevPkiManifest.CurrentFormat}.");
            }

            return new DevPki(full, manifest, timeProvider ?? TimeProvider.System, knownKeys: null);
        }
        catch (Exception exception) when (exception is JsonException or IOException or CertificateException or CrlException
                                              or ArgumentException or System.Security.Cryptography.CryptographicException)
        {
            throw new DevPkiException($"The dev PKI in '{full}' is damaged: {exception.Message}", exception);
        }
    }

    /// <summary>True when <paramref name="folder"/> holds a dev PKI.</summary>
    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, DevPkiLayout.Manifest));

    /// <summary>The host credential named <paramref name="name"/> (e.g. <c>node1</c>).</summary>
    /// <exception cref="DevPkiException">No such host.</exception>
    public HostCredential Host(string name) => _hosts.GetValueOrDefault(name)
        ?? throw new DevPkiException($"Unknown host '{name}'. Hosts: {string.Join(", ", _hosts.Keys)}.");

    /// <summary>The user credential named <paramref name="name"/> (see <see cref="DevUser"/>).</summary>
    /// <exception cref="DevPkiException">No such user.</exception>
    public UserCredential User(string name) => _users.GetValueOrDefault(name)
        ?? throw new DevPkiException($"Unknown user '{name}'. Users: {string.Join(", ", _manifest.Users.Select(u => u.Name))}.");

    /// <summary>
    /// Revokes <paramref name="credentials"/> as the CA would: a CRL with the next number lists them beside every serial
    /// revoked so far, and replaces the CRL file and the trust directory's <c>hash.r0</c> in one rename each (as fetch-crl
    /// does), so services watching the trust directory see a whole file. <see cref="Crl"/> is the new CRL afterwards.
    /// </summary>
    public X509Crl Revoke(params DevCredential[] credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var serials = (Crl.GetRevokedCertificates() ?? new HashSet<X509CrlEntry>()).Select(e => e.SerialNumber)
            .Concat(credentials.Select(c => c.Certificate.SerialNumber))
            .Distinct();
        var crl = CreateCrl(serials, lifetime: null);
        PemFiles.ReplacePublic(CrlPath, PemFiles.Crl(crl));
        PemFiles.ReplacePublic(Path.Combine(TrustDirectory, CaHash + ".r0"), PemFiles.Crl(crl));
        Crl = crl;
        return crl;
    }

    /// <summary>Makes an RFC 3820 proxy (with a VOMS AC unless asked otherwise) and writes its PEM file.</summary>
    /// <exception cref="DevPkiException">The request names an unknown user.</exception>
    public ProxyCredential CreateProxy(ProxyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.OutputPath is { } output
            ? Path.GetFullPath(output)
            : FullPath($"{DevPkiLayout.Proxies}/x509up_{request.User}_{Interlocked.Increment(ref _proxyCount)}_{Guid.NewGuid():N}");
        return new ProxyMaker(this, WholeSeconds(_timeProvider.GetUtcNow())).Make(request, path);
    }

    /// <summary>
    /// Issues a new CRL of the dev CA listing exactly <paramref name="revoked"/> (reason keyCompromise), as fetch-crl
    /// would bring after a revocation: thisUpdate now, nextUpdate after <paramref name="lifetime"/> (default: that of
    /// <see cref="Crl"/>). Written as PEM to <paramref name="outputPath"/> when given (e.g. a trust directory's
    /// <c>&lt;hash&gt;.r0</c>); <see cref="CrlPath"/> and the PKI's own trust directory are left as they are.
    /// </summary>
    public X509Crl IssueCrl(IEnumerable<X509Certificate> revoked, string? outputPath = null, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        var crl = CreateCrl(revoked.Select(c => c.SerialNumber), lifetime);
        if (outputPath is not null)
        {
            PemFiles.WritePublic(Path.GetFullPath(outputPath), PemFiles.Crl(crl));
        }

        return crl;
    }

    /// <summary>A CA-signed CRL with the next number: thisUpdate now, nextUpdate after the lifetime (default: that of <see cref="Crl"/>).</summary>
    private X509Crl CreateCrl(IEnumerable<Org.BouncyCastle.Math.BigInteger> serials, TimeSpan? lifetime)
    {
        var now = WholeSeconds(_timeProvider.GetUtcNow());
        var validFor = lifetime ?? (Crl.NextUpdate is { } next ? next - Crl.ThisUpdate : TimeSpan.FromDays(30));
        var ca = new SigningIdentity(CaCertificate, ReadKey(_manifest.Ca.Key));
        return CrlFactory.Create(ca, serials, now, now + validFor, Interlocked.Increment(ref _crlNumber));
    }

    private static void PrepareFolder(string folder, bool force)
    {
        if (Exists(folder))
        {
            if (!force)
            {
                throw new DevPkiException($"'{folder}' already holds a dev PKI; pass --force (DevPkiOptions.Force) to replace it.");
            }

            foreach (var entry in DevPkiLayout.OwnedEntries.Select(e => Path.Combine(folder, e)))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, recursive: true);
                }
                else if (File.Exists(entry))
                {
                    File.Delete(entry);
                }
            }
        }

        Directory.CreateDirectory(folder);
    }

    // Certificates carry whole seconds; keeping "now" whole makes notBefore comparisons exact.
    private static DateTime WholeSeconds(DateTimeOffset now) =>
        new(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    private string FullPath(string relative) => Path.Combine(Folder, relative);

    private X509Certificate ReadCertificate(string relative) => new X509CertificateParser().ReadCertificate(File.ReadAllBytes(FullPath(relative)))
        ?? throw new DevPkiException($"'{FullPath(relative)}' holds no certificate.");

    private X509Crl ReadCrl(string relative) => new X509CrlParser().ReadCrl(File.ReadAllBytes(FullPath(relative)))
        ?? throw new DevPkiException($"'{FullPath(relative)}' holds no CRL.");

    // Parsing a key costs a BouncyCastle primality test; a PKI just generated already holds its keys.
    private AsymmetricKeyParameter ReadKey(string relative) =>
        _knownKeys.GetValueOrDefault(relative) ?? KeyMaterial.FromPem(File.ReadAllText(FullPath(relative))).Private;
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using Org.BouncyCastle.Security.Certificates;
using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>
/// The VOMS trust directory (<c>X509_VOMS_DIR</c>): <c>&lt;vo&gt;/&lt;host&gt;.lsc</c> files naming the accepted AA
/// certificate chains, and AA certificate files (PEM) in <c>&lt;vo&gt;/</c> or at the top. Reloadable: a failed
/// reload keeps the previous snapshot. AA certificates embedded in ACs are parsed once and cached by their DER hash.
/// </summary>
public sealed class VomsTrustStore
{
    private const int EmbeddedCacheLimit = 256;

    private readonly ConcurrentDictionary<string, X509Certificate> _embedded = new(StringComparer.Ordinal);
    private volatile VomsSnapshot _snapshot;

    private VomsTrustStore(string directory, VomsSnapshot snapshot)
    {
        Directory = directory;
        _snapshot = snapshot;
    }

    /// <summary>The vomsdir.</summary>
    public string Directory { get; }

    /// <summary>Loads <paramref name="directory"/>.</summary>
    /// <exception cref="GridCredentialException">The directory is missing or an .lsc file is malformed.</exception>
    public static VomsTrustStore Load(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        return new VomsTrustStore(full, VomsSnapshot.Read(full));
    }

    /// <summary>Reads the directory again. On failure the previous snapshot stays.</summary>
    public void Reload() => PrepareReload()();

    /// <summary>Reads the directory without applying it; the returned action puts that reading in force.</summary>
    /// <exception cref="GridCredentialException">An .lsc file is malformed or the directory is gone; nothing changed.</exception>
    internal Action PrepareReload()
    {
        var snapshot = VomsSnapshot.Read(Directory);
        return () => _snapshot = snapshot;
    }

    internal LscFile? FindLsc(string vo, string host) =>
        _snapshot.Lsc.GetValueOrDefault((vo.ToLowerInvariant(), host.ToLowerInvariant()));

    internal IReadOnlyList<X509Certificate> AttributeAuthorities(string vo) =>
        [.. _snapshot.AaCertificates.GetValueOrDefault(vo.ToLowerInvariant(), []), .. _snapshot.AaCertificates.GetValueOrDefault(string.Empty, [])];

    /// <summary>Parses an AC-embedded certificate, reusing the parse (and its public key) for repeated DER.</summary>
    internal X509Certificate ParseEmbedded(byte[] der)
    {
        var key = Convert.ToBase64String(SHA256.HashData(der));
        if (_embedded.TryGetValue(key, out var cached))
        {
            return cached;
        }

        if (_embedded.Count >= EmbeddedCacheLimit)
        {
            _embedded.Clear();
        }

        var certificate = new X509Certificate(der);
        _ = certificate.GetPublicKey();
        return _embedded.GetOrAdd(key, certificate);
    }

    private sealed record VomsSnapshot(
        IReadOnlyDictionary<(string Vo, string Host), LscFile> Lsc,
        IReadOnlyDictionary<string, IReadOnlyList<X509Certificate>> AaCertificates)
    {
        public static VomsSnapshot Read(string directory)
        {
            if (!System.IO.Directory.Exists(directory))
            {
                throw new GridCredentialException(GridCredentialError.CredentialNotFound, $"The VOMS directory '{directory}' does not exist.");
            }

            var lsc = new Dictionary<(string, string), LscFile>();
            var certificates = new Dictionary<string, IReadOnlyList<X509Certificate>>
            {
                [string.Empty] = ReadCertificates(System.IO.Directory.GetFiles(directory)),
            };
            foreach (var voDirectory in System.IO.Directory.GetDirectories(directory))
            {
                var vo = Path.GetFileName(voDirectory).ToLowerInvariant();
                var files = System.IO.Directory.GetFiles(voDirectory);
                foreach (var file in files.Where(f => f.EndsWith(".lsc", StringComparison.OrdinalIgnoreCase)))
                {
                    var parsed = LscFile.Read(file, vo);
                    lsc[(vo, parsed.Host.ToLowerInvariant())] = parsed;
                }

                certificates[vo] = ReadCertificates(files.Where(f => !f.EndsWith(".lsc", StringComparison.OrdinalIgnoreCase)));
            }

            return new VomsSnapshot(lsc, certificates);
        }

        // Like VOMS check_from_certs: any file that holds certificates counts; other files are not AA certificates.
        private static IReadOnlyList<X509Certificate> ReadCertificates(IEnumerable<string> files)
        {
            var result = new List<X509Certificate>();
            foreach (var file in files.Order(StringComparer.Ordinal))
            {
                try
                {
                    using var stream = File.OpenRead(file);
                    result.AddRange(new X509CertificateParser().ReadCertificates(stream));
                }
                catch (Exception exception) when (exception is CertificateException or IOException or ArgumentException
                                                      or InvalidCastException)
                {
                    // Not a certificate file; VOMS ignores such files too.
                }
            }

            return result;
        }
    }
}

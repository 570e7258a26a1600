using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>
/// Finds a client's grid credential by the usual conventions, in order: <c>X509_USER_PROXY</c> (one PEM file: proxy
/// certificate, its key, then the chain), else <c>X509_USER_CERT</c> + <c>X509_USER_KEY</c>, else
/// <c>~/.globus/usercert.pem</c> + <c>userkey.pem</c>. Trust directories come from <c>X509_CERT_DIR</c> (default
/// <c>/etc/grid-security/certificates</c>) and <c>X509_VOMS_DIR</c> (default <c>/etc/grid-security/vomsdir</c>).
/// Like Globus, it refuses key and proxy files open to group or others (<see cref="PrivateKeyFile"/>), and unencrypted
/// keys only are supported.
/// </summary>
public static class GridCredentialLoader
{
    /// <summary>Default of <c>X509_CERT_DIR</c>.</summary>
    public const string DefaultCertificateDirectory = "/etc/grid-security/certificates";

    /// <summary>Default of <c>X509_VOMS_DIR</c>.</summary>
    public const string DefaultVomsDirectory = "/etc/grid-security/vomsdir";

    /// <summary>Loads the credential named by this process's environment and home directory.</summary>
    /// <exception cref="GridCredentialException">No credential is found, or it cannot be read.</exception>
    public static GridCredential Load() =>
        Load(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>Loads the credential named by <paramref name="environment"/> (a variable lookup) and <paramref name="homeDirectory"/>.</summary>
    /// <exception cref="GridCredentialException">No credential is found, or it cannot be read.</exception>
    public static GridCredential Load(Func<string, string?> environment, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(homeDirectory);
        var certificateDirectory = NonEmpty(environment("X509_CERT_DIR")) ?? DefaultCertificateDirectory;
        var vomsDirectory = NonEmpty(environment("X509_VOMS_DIR")) ?? DefaultVomsDirectory;
        if (NonEmpty(environment("X509_USER_PROXY")) is { } proxy)
        {
            var (chain, key) = ReadProxyFile(proxy);
            return new GridCredential(chain, key, GridCredentialSource.UserProxy, proxy, certificateDirectory, vomsDirectory);
        }

        var (certificate, keyFile, source) = NonEmpty(environment("X509_USER_CERT")) is { } userCert
            ? (userCert, NonEmpty(environment("X509_USER_KEY")) ?? throw NotFound("X509_USER_CERT is set but X509_USER_KEY is not"),
                GridCredentialSource.UserCertificate)
            : (Path.Combine(homeDirectory, ".globus", "usercert.pem"), Path.Combine(homeDirectory, ".globus", "userkey.pem"),
                GridCredentialSource.GlobusDirectory);
        if (source == GridCredentialSource.GlobusDirectory && !File.Exists(certificate))
        {
            throw NotFound($"X509_USER_PROXY and X509_USER_CERT are unset and '{certificate}' does not exist");
        }

        var (certificates, privateKey) = ReadCertificateAndKey(certificate, keyFile);
        return new GridCredential(certificates, privateKey, source, certificate, certificateDirectory, vomsDirectory);
    }

    /// <summary>Reads a proxy file: the proxy certificate, its private key, then the rest of the chain.</summary>
    /// <exception cref="GridCredentialException">The file is missing, unreadable, insecure or inconsistent.</exception>
    public static (IReadOnlyList<X509Certificate> Chain, AsymmetricKeyParameter PrivateKey) ReadProxyFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var (certificates, key) = ReadPem(path, requireKey: true);
        return (certificates, CheckKey(certificates, key!, path));
    }

    /// <summary>Reads a certificate file (the certificate, optionally followed by its chain) and a separate key file.</summary>
    /// <exception cref="GridCredentialException">A file is missing, unreadable, insecure or inconsistent.</exception>
    public static (IReadOnlyList<X509Certificate> Chain, AsymmetricKeyParameter PrivateKey) ReadCertificateAndKey(string certificatePath, string keyPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(certificatePath);
        ArgumentException.ThrowIfNullOrEmpty(keyPath);
        var (certificates, _) = ReadPem(certificatePath, requireKey: false);
        var (_, key) = ReadPem(keyPath, requireKey: true);
        return (certificates, CheckKey(certificates, key!, keyPath));
    }

    private static (List<X509Certificate> Certificates, AsymmetricKeyParameter? Key) ReadPem(string path, bool requireKey)
    {
        if (!File.Exists(path))
        {
            throw NotFound($"'{path}' does not exist");
        }

        if (requireKey && PrivateKeyFile.Problem(path) is { } problem)
        {
            throw new GridCredentialException(GridCredentialError.InsecureKeyFile, "The " + problem);
        }

        var certificates = new List<X509Certificate>();
        AsymmetricKeyParameter? key = null;
        try
        {
            using var reader = new StreamReader(path);
            var pem = new PemReader(reader);
            while (pem.ReadObject() is { } item)
            {
                switch (item)
                {
                    case X509Certificate certificate:
                        certificates.Add(certificate);
                        break;
                    case AsymmetricCipherKeyPair pair:
                        key ??= pair.Private;
                        break;
                    case AsymmetricKeyParameter { IsPrivate: true } privateKey:
                        key ??= privateKey;
                        break;
                }
            }
        }
        catch (PasswordException exception)
        {
            throw new GridCredentialException(GridCredentialError.Malformed, $"The key in '{path}' is encrypted; only unencrypted keys are supported.", exception);
        }
        catch (Exception exception) when (exception is IOException or PemException or ArgumentException or InvalidCastException)
        {
            throw new GridCredentialException(GridCredentialError.Malformed, $"'{path}' is not a readable PEM credential file.", exception);
        }

        if (requireKey && key is null)
        {
            throw new GridCredentialException(GridCredentialError.Malformed, $"'{path}' holds no private key.");
        }

        return (certificates, key);
    }

    private static AsymmetricKeyParameter CheckKey(List<X509Certificate> certificates, AsymmetricKeyParameter key, string keyPath)
    {
        if (certificates.Count == 0)
        {
            throw new GridCredentialException(GridCredentialError.Malformed, $"No certificate was found to go with the key '{keyPath}'.");
        }

        var matches = (certificates[0].GetPublicKey(), key) switch
        {
            (RsaKeyParameters publicKey, RsaKeyParameters privateKey) => publicKey.Modulus.Equals(privateKey.Modulus),
            // An EC key matches when its scalar times the generator is the certificate's point.
            (ECPublicKeyParameters publicKey, ECPrivateKeyParameters privateKey) =>
                publicKey.Q.Normalize().Equals(privateKey.Parameters.G.Multiply(privateKey.D).Normalize()),
            // An RSA key with an EC certificate or the reverse; other key types are left to the TLS layer to refuse.
            (var publicKey, _) => !IsRsaOrEc(publicKey) && !IsRsaOrEc(key),
        };
        if (!matches)
        {
            throw new GridCredentialException(GridCredentialError.KeyMismatch,
                $"The key '{keyPath}' does not belong to the certificate '{CertificateChecks.Describe(certificates[0])}'.");
        }

        return key;
    }

    private static bool IsRsaOrEc(AsymmetricKeyParameter key) => key is RsaKeyParameters or ECKeyParameters;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static GridCredentialException NotFound(string problem) =>
        new(GridCredentialError.CredentialNotFound, $"No grid credential: {problem}.");
}

using System.CommandLine;
using Hydra.Cli.Tokens;
using Hydra.Cluster;
using Hydra.Grid;

namespace Hydra.Cli.Connection;

/// <summary>
/// The options every cluster command shares: which cluster (file), which grid credential and which bearer token.
/// Credentials follow the grid conventions unless a flag overrides them: <c>X509_USER_PROXY</c>, else
/// <c>X509_USER_CERT</c> and <c>X509_USER_KEY</c>, else <c>~/.globus/usercert.pem</c> and <c>userkey.pem</c>; trust in
/// <c>X509_CERT_DIR</c> and <c>X509_VOMS_DIR</c>; tokens by WLCG Bearer Token Discovery (<see cref="TokenDiscovery"/>).
/// </summary>
internal sealed class ClusterOptions
{
    /// <summary>Environment variable naming the default cluster file.</summary>
    public const string ClusterVariable = "HYDRA_CLUSTER";

    private readonly CliEnvironment _environment;

    public ClusterOptions(CliEnvironment environment)
    {
        _environment = environment;
        Cluster = new Option<FileInfo?>("--cluster")
        {
            Description = $"Cluster file (JSON: nodes, threshold, write quorum). Default: ${ClusterVariable}, else ~/.hydra/cluster.json.",
            Recursive = true,
        };
        Proxy = new Option<FileInfo?>("--proxy") { Description = "Proxy credential file (overrides X509_USER_PROXY).", Recursive = true };
        Certificate = new Option<FileInfo?>("--cert") { Description = "User certificate (overrides X509_USER_CERT).", Recursive = true };
        Key = new Option<FileInfo?>("--key") { Description = "User private key (overrides X509_USER_KEY).", Recursive = true };
        CertificateDirectory = new Option<DirectoryInfo?>("--certdir")
        {
            Description = "Grid trust directory (overrides X509_CERT_DIR; default /etc/grid-security/certificates).",
            Recursive = true,
        };
        TokenFile = new Option<FileInfo?>("--token-file")
        {
            Description = "Bearer token file (overrides BEARER_TOKEN, BEARER_TOKEN_FILE, $XDG_RUNTIME_DIR/bt_u<uid>, /tmp/bt_u<uid>).",
            Recursive = true,
        };
        NoToken = new Option<bool>("--no-token")
        {
            Description = "Ignore bearer tokens: act with the grid credential alone.",
            Recursive = true,
        };
    }

    public Option<FileInfo?> Cluster { get; }

    public Option<FileInfo?> Proxy { get; }

    public Option<FileInfo?> Certificate { get; }

    public Option<FileInfo?> Key { get; }

    public Option<DirectoryInfo?> CertificateDirectory { get; }

    public Option<FileInfo?> TokenFile { get; }

    public Option<bool> NoToken { get; }

    public IEnumerable<Option> All => [Cluster, Proxy, Certificate, Key, CertificateDirectory, TokenFile, NoToken];

    /// <summary>Loads the cluster file and the credentials, and connects (lazily: nothing is sent yet).</summary>
    public KeystoreCluster Connect(ParseResult parseResult) => Connect(parseResult, out _);

    /// <summary>As <see cref="Connect(ParseResult)"/>, also saying what identifies the caller.</summary>
    public KeystoreCluster Connect(ParseResult parseResult, out ClientIdentity identity)
    {
        var configuration = LoadConfiguration(parseResult);
        identity = LoadIdentity(parseResult);
        return KeystoreCluster.Connect(configuration, identity.Tls, identity.Trust, identity.Token?.Token);
    }

    /// <summary>The cluster file in use: --cluster, else $HYDRA_CLUSTER, else ~/.hydra/cluster.json.</summary>
    public string ConfigurationPath(ParseResult parseResult) =>
        parseResult.GetValue(Cluster)?.FullName
        ?? _environment.NonEmpty(ClusterVariable)
        ?? Path.Combine(_environment.HomeDirectory, ".hydra", "cluster.json");

    public ClusterConfiguration LoadConfiguration(ParseResult parseResult)
    {
        var path = ConfigurationPath(parseResult);
        if (!File.Exists(path))
        {
            throw new UsageException($"No cluster file at '{path}': give --cluster FILE or set ${ClusterVariable}.");
        }

        return ClusterConfiguration.Load(path);
    }

    /// <summary>
    /// The bearer token (unless --no-token) and the grid credential. A token alone is enough: a grid credential that
    /// is simply absent is then not needed (the nodes' certificates are still checked against the trust directory);
    /// one that is present but broken is still an error, as is having neither.
    /// </summary>
    /// <exception cref="BearerTokenException">A token was found but cannot be used (unreadable, open to others, expired, ...).</exception>
    /// <exception cref="GridCredentialException">No token and no grid credential, or a grid credential that cannot be loaded.</exception>
    public ClientIdentity LoadIdentity(ParseResult parseResult)
    {
        var noToken = parseResult.GetValue(NoToken);
        var token = noToken ? null : TokenDiscovery.Discover(parseResult.GetValue(TokenFile)?.FullName, _environment);
        if (token?.ExpiresAt is { } expires && expires <= _environment.Time.GetUtcNow())
        {
            throw new BearerTokenException(BearerTokenProblem.Expired,
                $"The bearer token from {token.Source} expired at {expires.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: run 'hydra login' for a new one"
                + " (or give --no-token to act with your grid credential).");
        }

        GridCredential? grid;
        try
        {
            grid = LoadCredential(parseResult);
        }
        catch (GridCredentialException ex) when (ex.Error == GridCredentialError.CredentialNotFound && token is not null && !ExplicitCredential(parseResult))
        {
            grid = null;
        }
        catch (GridCredentialException ex) when (ex.Error == GridCredentialError.CredentialNotFound && !ExplicitCredential(parseResult))
        {
            var tokens = noToken ? "and bearer tokens are ignored (--no-token)" : $"and no bearer token ({TokenDiscovery.Describe(_environment)})";
            throw new GridCredentialException(GridCredentialError.CredentialNotFound,
                $"{ex.Message.TrimEnd('.')}, {tokens}. Run 'hydra login' for a token, or give a grid credential (--proxy, or --cert and --key).", ex);
        }

        var trust = GridTrustStore.Load(grid?.CertificateDirectory ?? CertificateDirectoryPath(parseResult));
        return new ClientIdentity(token, grid, trust);
    }

    public GridCredential LoadCredential(ParseResult parseResult)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["X509_USER_PROXY"] = parseResult.GetValue(Proxy)?.FullName,
            ["X509_USER_CERT"] = parseResult.GetValue(Certificate)?.FullName,
            ["X509_USER_KEY"] = parseResult.GetValue(Key)?.FullName,
            ["X509_CERT_DIR"] = parseResult.GetValue(CertificateDirectory)?.FullName,
        };
        var explicitCertificate = overrides["X509_USER_CERT"] is not null;
        string? Environment(string name) =>
            overrides.GetValueOrDefault(name)
            // An explicit --cert means: not the proxy from the environment.
            ?? (name == "X509_USER_PROXY" && explicitCertificate ? null : _environment.Variable(name));
        return GridCredentialLoader.Load(Environment, _environment.HomeDirectory);
    }

    private string CertificateDirectoryPath(ParseResult parseResult) =>
        parseResult.GetValue(CertificateDirectory)?.FullName
        ?? _environment.NonEmpty("X509_CERT_DIR")
        ?? GridCredentialLoader.DefaultCertificateDirectory;

    // A credential the user named on the command line must load: failing over to a token would hide the mistake.
    private bool ExplicitCredential(ParseResult parseResult) =>
        parseResult.GetValue(Proxy) is not null || parseResult.GetValue(Certificate) is not null;
}

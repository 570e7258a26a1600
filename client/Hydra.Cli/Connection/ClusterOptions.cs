using System.CommandLine;
using Hydra.Cluster;
using Hydra.Grid;

namespace Hydra.Cli.Connection;

/// <summary>
/// The options every cluster command shares: which cluster (file) and which grid credential. Credentials follow
/// the grid conventions unless a flag overrides them: <c>X509_USER_PROXY</c>, else <c>X509_USER_CERT</c> and
/// <c>X509_USER_KEY</c>, else <c>~/.globus/usercert.pem</c> and <c>userkey.pem</c>; trust in <c>X509_CERT_DIR</c>
/// and <c>X509_VOMS_DIR</c>.
/// </summary>
internal sealed class ClusterOptions
{
    /// <summary>Environment variable naming the default cluster file.</summary>
    public const string ClusterVariable = "HYDRA_CLUSTER";

    public ClusterOptions()
    {
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
    }

    public Option<FileInfo?> Cluster { get; }

    public Option<FileInfo?> Proxy { get; }

    public Option<FileInfo?> Certificate { get; }

    public Option<FileInfo?> Key { get; }

    public Option<DirectoryInfo?> CertificateDirectory { get; }

    public IEnumerable<Option> All => [Cluster, Proxy, Certificate, Key, CertificateDirectory];

    /// <summary>Loads the cluster file and the credential, and connects (lazily: nothing is sent yet).</summary>
    public KeystoreCluster Connect(ParseResult parseResult)
    {
        var configuration = LoadConfiguration(parseResult);
        var credential = LoadCredential(parseResult);
        return KeystoreCluster.Connect(configuration, credential);
    }

    /// <summary>The cluster file in use: --cluster, else $HYDRA_CLUSTER, else ~/.hydra/cluster.json.</summary>
    public string ConfigurationPath(ParseResult parseResult) =>
        parseResult.GetValue(Cluster)?.FullName
        ?? Environment.GetEnvironmentVariable(ClusterVariable)
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".hydra", "cluster.json");

    public ClusterConfiguration LoadConfiguration(ParseResult parseResult)
    {
        var path = ConfigurationPath(parseResult);
        if (!File.Exists(path))
        {
            throw new UsageException($"No cluster file at '{path}': give --cluster FILE or set ${ClusterVariable}.");
        }

        return ClusterConfiguration.Load(path);
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
            ?? (name == "X509_USER_PROXY" && explicitCertificate ? null : System.Environment.GetEnvironmentVariable(name));
        return GridCredentialLoader.Load(Environment, System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile));
    }
}

using Hydra.CertsDev;

namespace Hydra.Testing.Pki;

/// <summary>
/// A fresh dev PKI in a temporary folder, created once per xunit fixture (class or collection) and deleted after.
/// Made at the real clock, so that peers such as openssl and voms-proxy-info, which read the clock, agree with it.
/// </summary>
public sealed class DevPkiFixture : IDisposable
{
    private readonly TempDirectory _directory = new("hydra-pki");

    public DevPkiFixture()
    {
        Pki = DevPki.Create(_directory.Combine("pki"));
    }

    /// <summary>The PKI.</summary>
    public DevPki Pki { get; }

    /// <summary>A fresh folder for files a test makes (proxies, copies of trust directories).</summary>
    public string NewScratchFolder()
    {
        var path = _directory.Combine("scratch-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The environment that points grid tools at this PKI's trust directories.</summary>
    public IDictionary<string, string> GridEnvironment => new Dictionary<string, string>
    {
        ["X509_CERT_DIR"] = Pki.TrustDirectory,
        ["X509_VOMS_DIR"] = Pki.VomsDirectory,
    };

    public void Dispose() => _directory.Dispose();
}

namespace Hydra.CertsDev;

/// <summary>Where each file of a dev PKI lives, relative to its folder (described in certs-dev/README.md).</summary>
internal static class DevPkiLayout
{
    public const string Manifest = "manifest.json";
    public const string CaCertificate = "ca/ca.pem";
    public const string CaKey = "ca/ca.key";
    public const string Crl = "ca/crl.pem";
    public const string TrustDirectory = "certificates";
    public const string VomsDirectory = "vomsdir";
    public const string AaCertificate = "aa/aacert.pem";
    public const string AaKey = "aa/aakey.pem";
    public const string RogueCaCertificate = "rogue/ca.pem";
    public const string RogueCaKey = "rogue/ca.key";
    public const string RogueAaCertificate = "rogue/aacert.pem";
    public const string RogueAaKey = "rogue/aakey.pem";
    public const string Proxies = "proxies";
    public const string AaHost = "voms.hydra-dev.org";
    public const int FirstVomsPort = 15000;

    /// <summary>The top-level entries a PKI owns; <c>--force</c> removes exactly these.</summary>
    public static readonly string[] OwnedEntries = ["ca", TrustDirectory, "hosts", "users", "aa", VomsDirectory, "rogue", Proxies, Manifest];

    public static string HostCertificate(string name) => $"hosts/{name}/hostcert.pem";

    public static string HostKey(string name) => $"hosts/{name}/hostkey.pem";

    public static string UserCertificate(string name) => $"users/{name}/usercert.pem";

    public static string UserKey(string name) => $"users/{name}/userkey.pem";

    public static string Lsc(string vo) => $"{VomsDirectory}/{vo}/{AaHost}.lsc";

    public static string VomsDirAaCertificate(string vo) => $"{VomsDirectory}/{vo}/{AaHost}.pem";
}

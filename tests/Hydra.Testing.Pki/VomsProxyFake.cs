using Hydra.CertsDev;
using Hydra.Grid;
using Org.BouncyCastle.X509;

using Xunit;

namespace Hydra.Testing.Pki;

/// <summary>
/// Runs the real <c>voms-proxy-fake</c> (voms-clients) with a dev PKI's user and AA credentials, flags as in
/// auth.md §2.6: always <c>-rfc</c> and <c>-uri host:port</c>.
/// </summary>
public static class VomsProxyFake
{
    private const int SegmentationFault = 139;
    private const int CrashRetries = 5;

    /// <summary>Makes a proxy of <paramref name="user"/> and returns its chain, leaf first.</summary>
    public static async Task<IReadOnlyList<X509Certificate>> CreateAsync(
        DevPkiFixture fixture, string user, IEnumerable<string> extraArguments, AttributeAuthorityCredential? authority = null,
        string? holderCertificate = null, string? holderKey = null)
    {
        var path = await CreateFileAsync(fixture, user, extraArguments, authority, holderCertificate, holderKey);
        return GridCredentialLoader.ReadProxyFile(path).Chain;
    }

    /// <summary>Makes a proxy file of <paramref name="user"/> (proxy, key, chain) and returns its path.</summary>
    public static async Task<string> CreateFileAsync(
        DevPkiFixture fixture, string user, IEnumerable<string> extraArguments, AttributeAuthorityCredential? authority = null,
        string? holderCertificate = null, string? holderKey = null)
    {
        var output = Path.Combine(fixture.NewScratchFolder(), "x509up_fake");
        var result = await RunAsync(fixture, user, [.. extraArguments, "-out", output], authority, holderCertificate, holderKey);
        for (var attempt = 1; result.ExitCode == SegmentationFault && attempt < CrashRetries; attempt++)
        {
            // voms-proxy-fake 2.1.0~rc3 crashes intermittently with -target (heap corruption in its target handling).
            result = await RunAsync(fixture, user, [.. extraArguments, "-out", output], authority, holderCertificate, holderKey);
        }

        Assert.True(result.ExitCode == 0 && File.Exists(output), result.Output);
        return output;
    }

    /// <summary>Makes only the AC (<c>-separate</c>) and returns it parsed.</summary>
    public static async Task<IReadOnlyList<X509V2AttributeCertificate>> CreateAcAsync(DevPkiFixture fixture, string user, IEnumerable<string> extraArguments)
    {
        var output = Path.Combine(fixture.NewScratchFolder(), "ac.pem");
        var result = await RunAsync(fixture, user, [.. extraArguments, "-separate", output], null, null, null);
        Assert.True(File.Exists(output), result.Output);
        using var reader = new StreamReader(output);
        return VomsAttributeCertificates.FromPem(reader);
    }

    /// <summary>The default VOMS arguments for the user's VO and FQANs.</summary>
    public static string[] VomsArguments(DevPkiFixture fixture, string user, params string[] fqans)
    {
        var profile = fixture.Pki.User(user).Profile;
        var vo = profile.Vo ?? "hospital";
        var arguments = new List<string> { "-voms", vo, "-uri", fixture.Pki.VoAuthorities[vo] };
        foreach (var fqan in fqans.Length > 0 ? fqans : profile.Fqans)
        {
            arguments.AddRange(["-fqan", fqan]);
        }

        return [.. arguments];
    }

    private static Task<ProcessResult> RunAsync(
        DevPkiFixture fixture, string user, IReadOnlyList<string> arguments, AttributeAuthorityCredential? authority, string? holderCertificate,
        string? holderKey)
    {
        var pki = fixture.Pki;
        var aa = authority ?? pki.AttributeAuthority;
        string[] all =
        [
            "-cert", holderCertificate ?? pki.User(user).CertificatePath,
            "-key", holderKey ?? pki.User(user).KeyPath,
            "-hostcert", aa.CertificatePath,
            "-hostkey", aa.KeyPath,
            .. arguments.Contains("-proxyver") ? Array.Empty<string>() : ["-rfc"],
            .. arguments,
        ];
        return ProcessRunner.RunAsync(Peers.Require("voms-proxy-fake", "voms-clients"), all, fixture.GridEnvironment).DefaultTimeout();
    }
}

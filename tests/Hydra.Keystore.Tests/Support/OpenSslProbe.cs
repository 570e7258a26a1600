using Hydra.CertsDev;
using Hydra.Testing;

namespace Hydra.Keystore.Tests.Support;

/// <summary>
/// Probes a node the way someone scanning it would: <c>openssl s_client</c> with no certificate, or with one no
/// trusted CA issued.
/// </summary>
internal static class OpenSslProbe
{
    private static string OpenSsl => Peers.Require("openssl", "openssl");

    /// <summary>Connects without a client certificate and waits for the node's verdict.</summary>
    public static Task<ProcessResult> WithoutCertificateAsync(int port) => ConnectAsync(port, []);

    /// <summary>
    /// Has the dev PKI's rogue CA (which no node trusts) issue a user certificate in <paramref name="folder"/>, with
    /// openssl, and connects with it.
    /// </summary>
    public static async Task<ProcessResult> WithUntrustedCertificateAsync(int port, DevCredential rogueCa, TempDirectory folder)
    {
        var request = folder.Combine("mallory.csr");
        var certificate = folder.Combine("mallory.pem");
        var key = folder.Combine("mallory.key");
        await RequireAsync(["req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", request,
            "-subj", "/DC=org/DC=hydra-dev/O=Hospital/CN=Mallory"]);
        await RequireAsync(["x509", "-req", "-in", request, "-CA", rogueCa.CertificatePath, "-CAkey", rogueCa.KeyPath,
            "-set_serial", "7", "-days", "1", "-out", certificate]);
        return await ConnectAsync(port, ["-cert", certificate, "-key", key]);
    }

    private static async Task RequireAsync(IEnumerable<string> arguments)
    {
        var result = await ProcessRunner.RunAsync(OpenSsl, arguments, timeout: TaskTimeoutExtensions.DefaultTimeoutSpan);
        Assert.True(result.ExitCode == 0, result.Output);
    }

    /// <summary>
    /// A line that is not HTTP/2 (and longer than its 24-byte preface) follows the handshake, so the node closes the
    /// connection and s_client ends; -ign_eof keeps s_client from hanging up before its half of the handshake is sent.
    /// </summary>
    private static Task<ProcessResult> ConnectAsync(int port, IEnumerable<string> credential) =>
        ProcessRunner.RunAsync(OpenSsl,
            ["s_client", "-connect", $"127.0.0.1:{port}", "-alpn", "h2", "-brief", "-ign_eof", .. credential],
            standardInput: "this is a probe, not an HTTP/2 connection preface\n", timeout: TaskTimeoutExtensions.DefaultTimeoutSpan);
}

using Hydra.Testing;
using Hydra.Testing.Pki;

namespace Hydra.CertsDev.Tests.Support;

/// <summary>Runs the real grid peers (openssl, voms-clients) against a dev PKI.</summary>
internal static class GridTools
{
    public static Task<ProcessResult> OpenSslAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(Peers.Require("openssl", "openssl"), arguments).DefaultTimeout();

    public static Task<ProcessResult> VomsProxyInfoAsync(DevPkiFixture fixture, string proxyPath) =>
        ProcessRunner.RunAsync(Peers.Require("voms-proxy-info", "voms-clients"), ["-all", "-file", proxyPath], fixture.GridEnvironment)
            .DefaultTimeout();
}

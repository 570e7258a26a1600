using System.Net;
using System.Net.Sockets;
using Hydra.CertsDev;
using Hydra.Grid.Tls;
using Hydra.Hosting.Tests.Support;
using Hydra.Keystore.Contract.Channels;
using Hydra.Testing;
using Hydra.Testing.Pki;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hydra.Hosting.Tests;

/// <summary>A grid-TLS host reports every connection it refuses, in the handshake or for the chain presented.</summary>
public sealed class GridHostRefusalTests : IClassFixture<DevPkiFixture>
{
    private readonly DevPkiFixture _pki;

    public GridHostRefusalTests(DevPkiFixture pki) => _pki = pki;

    [Fact]
    public async Task Endpoint_NoCertificateGarbageAndRevokedClients_EachReportedWithPeerAddressAndReason()
    {
        // Arrange: a host with AddGridHost and UseGridTls, and a sink beside the built-in reporter.
        var sink = new RecordingRefusalSink();
        var node1 = _pki.Pki.Host("node1");
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGridHost(_ => new GridHostSettings(
            node1.CertificatePath, node1.KeyPath, _pki.Pki.TrustDirectory, _pki.Pki.VomsDirectory, [], 300));
        builder.Services.AddSingleton<IHandshakeRefusalSink>(sink);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseGridTls()));
        await using var app = builder.Build();
        app.MapGet("/", () => Results.Text("hello"));
        await app.StartAsync().DefaultTimeout();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

        // Act and assert: openssl without a certificate (-ign_eof: it waits for the server's verdict, not for stdin).
        var openssl = await ProcessRunner.RunAsync(Peers.Require("openssl", "openssl"),
            ["s_client", "-connect", $"127.0.0.1:{port}", "-CAfile", _pki.Pki.CaCertificatePath, "-alpn", "h2", "-brief", "-ign_eof"],
            standardInput: string.Empty, timeout: TaskTimeoutExtensions.DefaultTimeoutSpan);
        var noCertificate = await sink.NextAsync(0);
        Assert.Equal(("127.0.0.1", HandshakeRefusalReason.NoCertificate), (noCertificate.PeerAddress, noCertificate.Reason));
        Assert.Contains("certificate", openssl.Output, StringComparison.OrdinalIgnoreCase);

        // Act and assert: something that is not TLS.
        using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync(IPAddress.Loopback, port).DefaultTimeout();
            await socket.SendAsync("GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray()).DefaultTimeout();
            var protocolError = await sink.NextAsync(1);
            Assert.Equal(HandshakeRefusalReason.ProtocolError, protocolError.Reason);
        }

        // Act and assert: a revoked user completes the handshake, is reported, and still gets its answer per request.
        var revoked = _pki.Pki.User(DevUser.Revoked);
        var server = new ClusterNode("node1", $"127.0.0.1:{port}", "node1");
        using var http = new HttpClient(GridHttpHandler.Create(
            server, new TlsCredential([revoked.Certificate], revoked.PrivateKey),
            new Grid.HostCertificateValidator(Grid.GridTrustStore.Load(_pki.Pki.TrustDirectory)), GridChannelOptions.Default))
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/")).DefaultTimeout();
        var revokedRefusal = await sink.NextAsync(2);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("127.0.0.1", HandshakeRefusalReason.Revoked), (revokedRefusal.PeerAddress, revokedRefusal.Reason));
        Assert.Contains("revoked", revokedRefusal.Detail, StringComparison.OrdinalIgnoreCase);

        // The built-in reporter (log and counter) is registered beside the service's own sink.
        Assert.Contains(app.Services.GetServices<IHandshakeRefusalSink>(), s => s is HandshakeRefusalReporter);
        Assert.Equal(3, sink.Refusals.Count);
        await app.StopAsync().DefaultTimeout();
    }
}

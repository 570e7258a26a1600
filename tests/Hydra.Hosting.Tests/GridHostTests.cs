using System.Net;
using Hydra.CertsDev;
using Hydra.Grid.Tls;
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
using Microsoft.Extensions.Logging.Abstractions;

namespace Hydra.Hosting.Tests;

/// <summary>
/// A grid-TLS host built the one way the keystore and the bridge build theirs: the host's identity and trust from its
/// settings, and a Kestrel endpoint behind grid TLS that authenticates each request's caller from the connection's chain.
/// </summary>
public sealed class GridHostTests : IClassFixture<DevPkiFixture>
{
    private readonly DevPkiFixture _pki;

    public GridHostTests(DevPkiFixture pki) => _pki = pki;

    private GridHostSettings Settings(IReadOnlyList<string> hostNames)
    {
        var host = _pki.Pki.Host("node1");
        return new GridHostSettings(host.CertificatePath, host.KeyPath, _pki.Pki.TrustDirectory, _pki.Pki.VomsDirectory, hostNames, 300);
    }

    [Fact]
    public void HostNames_Unconfigured_AreTheCertificateDnsNames_ConfiguredOnesWin()
    {
        using var fromCertificate = new GridHost(Settings([]), TimeProvider.System, NullLoggerFactory.Instance);
        using var configured = new GridHost(Settings(["keystore1.example.org"]), TimeProvider.System, NullLoggerFactory.Instance);

        // The certificate's DNS names only: its 127.0.0.1 entry is an IP address name, which VOMS targets never hold.
        Assert.Equal(_pki.Pki.Host("node1").DnsNames.Where(n => !IPAddress.TryParse(n, out _)), fromCertificate.HostNames);
        Assert.Equal(["keystore1.example.org"], configured.HostNames);
        Assert.Same(fromCertificate.Credential, fromCertificate.TlsOptions.ServerCredential);
    }

    [Fact]
    public async Task Endpoint_AuthenticatesEachCallerFromItsChain_AndRefusesARevokedOne()
    {
        // Arrange: a web host with AddGridHost and UseGridTls, answering who the caller is.
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddGridHost(_ => Settings([]));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseGridTls()));
        await using var app = builder.Build();
        app.MapGet("/whoami", (HttpContext context, CredentialAuthenticator authenticator) =>
        {
            try
            {
                return Results.Text(context.Features.Get<GridConnectionFeature>()!.Authenticate(authenticator, DateTimeOffset.UtcNow).SubjectText);
            }
            catch (CredentialRefusedException refused)
            {
                return Results.Text(refused.Message, statusCode: StatusCodes.Status403Forbidden);
            }
        });
        await app.StartAsync().DefaultTimeout();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

        // Act
        var reader = await WhoAmIAsync(port, DevUser.Reader);
        var revoked = await WhoAmIAsync(port, DevUser.Revoked);

        // Assert
        Assert.Equal((HttpStatusCode.OK, _pki.Pki.User(DevUser.Reader).SubjectDn), reader);
        Assert.Equal(HttpStatusCode.Forbidden, revoked.Status);
        Assert.Contains("revoked", revoked.Body, StringComparison.OrdinalIgnoreCase);
        await app.StopAsync().DefaultTimeout();
    }

    private async Task<(HttpStatusCode Status, string Body)> WhoAmIAsync(int port, string user)
    {
        var credential = _pki.Pki.User(user);
        var server = new ClusterNode("node1", $"127.0.0.1:{port}", "node1");
        using var http = new HttpClient(GridHttpHandler.Create(
            server, new TlsCredential([credential.Certificate], credential.PrivateKey),
            new Grid.HostCertificateValidator(Grid.GridTrustStore.Load(_pki.Pki.TrustDirectory)), GridChannelOptions.Default))
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/whoami")).DefaultTimeout();
        return (response.StatusCode, await response.Content.ReadAsStringAsync().DefaultTimeout());
    }
}

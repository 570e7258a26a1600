using System.Net;
using Hydra.Bridge.Tests.Support;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.DicomWeb.Stow;

/// <summary>A bearer-token caller named by its <c>oidc:</c> principal in <c>Bridge:DicomWeb:Senders</c> stores; another token holder may not.</summary>
public sealed class StowTokenTests : IClassFixture<TokenBridgeFixture>
{
    private const string Source = "TOKENPACS";

    private readonly TokenBridgeFixture _fixture;

    public StowTokenTests(TokenBridgeFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task TokenSender_Stores_OtherTokenHolderIsForbidden()
    {
        // Arrange: a second bridge on the fixture's cluster, trusting the same issuers, with the radiologist as sender.
        using var scratch = new TempDirectory("hydra-stow");
        await using var bridge = await TestBridge.StartAsync(_fixture.Pki, _fixture.Cluster, options =>
        {
            options.Tokens = _fixture.Bridge.Node.Options.Tokens;
            options.DicomWeb.Senders[TokenBridgeFixture.Subject(_fixture.Provider, TokenBridgeFixture.Radiologist)] = Source;
        });
        var radiologist = await _fixture.TokenAsync(TokenBridgeFixture.Radiologist);
        var cardiologist = await _fixture.TokenAsync(TokenBridgeFixture.Cardiologist);
        var body = StowHttp.Body(SampleStudy.Write(scratch.Path, 1, size: 16).Files);
        using var sender = new StowHttp(bridge, _fixture.Pki.TrustDirectory, credential: null, bearer: radiologist);
        using var stranger = new StowHttp(bridge, _fixture.Pki.TrustDirectory, credential: null, bearer: cardiologist);

        // Act
        var refused = await stranger.PostAsync(body);
        var stored = await sender.PostAsync(body);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("Bridge:DicomWeb:Senders", refused.Error, StringComparison.Ordinal);
        Assert.True(stored.Status == HttpStatusCode.OK, stored.Text);
        var uid = StowAnswer.Value(Assert.Single(stored.Referenced), "00081155");
        var listed = await bridge.ConnectReader(radiologist).ListImagesAsync(null, CancellationToken.None).DefaultTimeout();
        Assert.Contains(listed, image => image.SopInstanceUid == uid);
    }
}

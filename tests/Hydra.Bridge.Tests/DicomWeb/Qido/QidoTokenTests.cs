using Hydra.Bridge.Tests.Support;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.DicomWeb.Qido;

/// <summary>QIDO-RS with bearer tokens (no client certificate): the token's groups decide what the search shows.</summary>
public sealed class QidoTokenTests : IClassFixture<TokenBridgeFixture>
{
    private readonly TokenBridgeFixture _fixture;

    public QidoTokenTests(TokenBridgeFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task BearerTokens_RadiologistFindsTheStudy_CardiologistSeesNothing()
    {
        // Arrange: a study readable by /hospital/radiology (the bridge's default ACL).
        using var scratch = new TempDirectory("hydra-qido-token");
        var sent = await _fixture.Bridge.StorescuAsync(SampleStudy.Write(scratch.Path, 2, size: 32).Files);
        Assert.True(sent.ExitCode == 0, sent.Output);
        var radiologistToken = await _fixture.TokenAsync(TokenBridgeFixture.Radiologist);
        var study = (await _fixture.Bridge.ConnectReader(radiologistToken).ListImagesAsync(null, CancellationToken.None).DefaultTimeout())
            .GroupBy(i => i.StudyInstanceUid).Single(g => g.Count() == 2).Key;
        using var radiologist = new QidoClient(_fixture.Bridge, _fixture.Pki.TrustDirectory, null, radiologistToken);
        using var cardiologist = new QidoClient(
            _fixture.Bridge, _fixture.Pki.TrustDirectory, null, await _fixture.TokenAsync(TokenBridgeFixture.Cardiologist));

        // Act
        var found = await radiologist.GetAsync($"studies?StudyInstanceUID={study}");
        var hidden = await cardiologist.GetAsync($"studies?StudyInstanceUID={study}");

        // Assert
        var result = Assert.Single(found.Results());
        Assert.Equal("2", result.Text(DicomTags.NumberOfStudyRelatedInstances));
        Assert.Empty(hidden.Results());
        Assert.False(Leaks.Contains(found.Body), "the answer carries an identifying value");
    }
}

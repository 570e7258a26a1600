using Hydra.CertsDev;
using Hydra.Dicom.Dictionary;

namespace Hydra.Bridge.Tests.DicomWeb.Qido;

/// <summary>
/// limit and offset (PS3.18 8.3.4.4) over the six readable instances, with the bridge's maximum of three results
/// per answer: a cut by the server carries the Warning, a cut the client asked for does not.
/// </summary>
[Collection(QidoCollection.Name)]
public sealed class QidoPagingTests
{
    private const string TooMany = "The number of results exceeded the maximum supported by the server. Additional results can be requested.";

    private readonly QidoFixture _fixture;

    public QidoPagingTests(QidoFixture fixture) => _fixture = fixture;

    /// <summary>All six instances in the server's order: study B's first (earlier date), then A's CT, then A's MR.</summary>
    private IReadOnlyList<string> Ordered =>
        [.. _fixture.StudyB.Concat(_fixture.CtSeries).Concat(_fixture.MrSeries).Select(i => i.SopInstanceUid)];

    [Theory]
    [InlineData("instances")]
    [InlineData("instances?limit=1000")]
    [InlineData("instances?limit=99999999999999999999")]
    [InlineData("instances?limit=0")]
    public async Task NoOrLargeLimit_CutAtMaxResultsWithWarning(string query)
    {
        using var reader = _fixture.Connect(DevUser.Reader);

        var response = await reader.GetAsync(query);

        Assert.Equal(Ordered.Take(QidoFixture.MaxResults), response.Results().Select(r => r.Text(DicomTags.SOPInstanceUID)));
        Assert.EndsWith(": " + TooMany, Assert.Single(response.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LimitAndOffset_PageThroughWithoutWarning()
    {
        using var reader = _fixture.Connect(DevUser.Reader);

        var first = await reader.GetAsync("instances?limit=2");
        var second = await reader.GetAsync("instances?limit=2&offset=2");
        var rest = await reader.GetAsync("instances?offset=3");

        Assert.Equal(Ordered.Take(2), first.Results().Select(r => r.Text(DicomTags.SOPInstanceUID)));
        Assert.Equal(Ordered.Skip(2).Take(2), second.Results().Select(r => r.Text(DicomTags.SOPInstanceUID)));
        Assert.Equal(Ordered.Skip(3), rest.Results().Select(r => r.Text(DicomTags.SOPInstanceUID)));
        Assert.Empty(first.Warnings.Concat(second.Warnings).Concat(rest.Warnings));
    }

    [Theory]
    [InlineData("studies?offset=2")]
    [InlineData("instances?offset=99999999999")]
    public async Task OffsetBeyondTheEnd_EmptyArray(string query)
    {
        using var reader = _fixture.Connect(DevUser.Reader);

        var response = await reader.GetAsync(query);

        Assert.Empty(response.Results());
        Assert.Equal("[]", System.Text.Encoding.UTF8.GetString(response.Body));
        Assert.Empty(response.Warnings);
    }
}

using System.Net;
using Hydra.CertsDev;

namespace Hydra.Bridge.Tests.DicomWeb.Qido;

/// <summary>
/// Bad requests get the PS3.18 status with a message naming what was wrong (never the value), a caller who may not
/// read sees nothing, and nothing is a 500.
/// </summary>
[Collection(QidoCollection.Name)]
public sealed class QidoRefusalTests
{
    private readonly QidoFixture _fixture;

    public QidoRefusalTests(QidoFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("studies?Foo=1", "'Foo'")]
    [InlineData("studies?Rows=512", "'Rows' is not a matching key for a search of studies")]
    [InlineData("studies?SOPInstanceUID=1.2.3", "'SOPInstanceUID' is not a matching key")]
    [InlineData("studies?00281050=1", "'00281050' is not a matching key")]
    [InlineData("studies?StudyDate=20200101-2019", "'StudyDate'")]
    [InlineData("studies?StudyDate=20201345", "'StudyDate'")]
    [InlineData("studies?StudyDate=20240101-20230101", "ends before it starts")]
    [InlineData("studies?StudyTime=2561", "'StudyTime'")]
    [InlineData("studies?StudyInstanceUID=1.2.abc", "'StudyInstanceUID'")]
    [InlineData("studies?StudyInstanceUID=1.2.3%27%20OR%20%271%27=%271", "'StudyInstanceUID'")]
    [InlineData("studies?ModalitiesInStudy=ct", "'ModalitiesInStudy'")]
    [InlineData("series?SeriesNumber=one", "'SeriesNumber'")]
    [InlineData("studies?PatientID=a%00b", "control characters")]
    [InlineData("studies?PatientID=a&PatientID=b", "more than once")]
    [InlineData("studies?limit=-1", "'limit'")]
    [InlineData("studies?limit=1&limit=2", "'limit' is given more than once")]
    [InlineData("studies?offset=ten", "'offset'")]
    [InlineData("studies?fuzzymatching=maybe", "'fuzzymatching' must be true or false")]
    [InlineData("studies?includefield=NoSuchKeyword", "includefield names an unknown attribute 'NoSuchKeyword'")]
    [InlineData("studies?ReferencedStudySequence.ReferencedSOPInstanceUID=1.2", "sequence matching")]
    [InlineData("studies/1.2.x/series", "The study UID in the path")]
    [InlineData("studies/..%2F..%2Fetc/series", "The study UID in the path")]
    [InlineData("studies/1.2.3/series/01.2/instances", "The series UID in the path")]
    public async Task BadQuery_400NamingIt(string query, string named)
    {
        using var reader = _fixture.Connect(DevUser.Reader);

        var response = await reader.GetAsync(query);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains(named, response.Error(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadValue_MessageDoesNotEchoIt()
    {
        using var reader = _fixture.Connect(DevUser.Reader);

        var response = await reader.GetAsync("studies?PatientName=SMITH%5EJOHN%0A");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("'PatientName'", response.Error(), StringComparison.Ordinal);
        Assert.DoesNotContain("SMITH", response.Error(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HugeQueries_400()
    {
        using var reader = _fixture.Connect(DevUser.Reader);

        var longValue = await reader.GetAsync("studies?PatientID=" + new string('A', 5000));
        var manyKeys = await reader.GetAsync("studies?" + string.Join('&', Enumerable.Range(0, 70).Select(_ => "limit=1")));
        var tooLongForLo = await reader.GetAsync("studies?PatientID=" + new string('A', 65));

        Assert.Equal(HttpStatusCode.BadRequest, longValue.Status);
        Assert.Contains("longer than 4096", longValue.Error(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, manyKeys.Status);
        Assert.Equal(HttpStatusCode.BadRequest, tooLongForLo.Status);
        Assert.Contains("'PatientID'", tooLongForLo.Error(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("multipart/related; type=\"application/dicom+xml\"")]
    [InlineData("image/png")]
    [InlineData("application/dicom+json;q=0")]
    public async Task UnacceptableAccept_406(string accept)
    {
        using var reader = _fixture.Connect(DevUser.Reader);

        var response = await reader.GetAsync("studies", accept);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.Status);
        Assert.Contains("application/dicom+json", response.Error(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerWhoMayNotRead_EmptyAnswersEverywhere()
    {
        // Arrange: the researcher's VO is not in the images' ACL.
        using var researcher = _fixture.Connect(DevUser.Researcher);
        var a = _fixture.StudyA[0];

        // Act
        var studies = await researcher.GetAsync("studies");
        var series = await researcher.GetAsync($"studies/{a.StudyInstanceUid}/series");
        var instances = await researcher.GetAsync($"instances?SOPInstanceUID={a.SopInstanceUid}");
        var ofSeries = await researcher.GetAsync($"studies/{a.StudyInstanceUid}/series/{a.SeriesInstanceUid}/instances");

        // Assert: the same empty answer as for a study that does not exist.
        var missing = await researcher.GetAsync("studies/1.2.3.4/series");
        Assert.All(new[] { studies, series, instances, ofSeries, missing }, r => Assert.Empty(r.Results()));
    }
}

using System.Net;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Dicom.Dictionary;

namespace Hydra.Bridge.Tests.DicomWeb.Qido;

/// <summary>QIDO-RS at each level (PS3.18 10.6) over the real catalog: results, counts, ordering and return attributes.</summary>
[Collection(QidoCollection.Name)]
public sealed class QidoSearchTests
{
    private readonly QidoFixture _fixture;

    public QidoSearchTests(QidoFixture fixture) => _fixture = fixture;

    private string StudyA => _fixture.StudyA[0].StudyInstanceUid;

    [Fact]
    public async Task Studies_NoKeys_BothStudiesByDateWithReadableCountsAndDefaultAttributes()
    {
        // Arrange
        using var reader = _fixture.Connect(DevUser.Reader);

        // Act
        var response = await reader.GetAsync("studies");

        // Assert
        var results = response.Results();
        Assert.Equal("application/dicom+json", response.MediaType);
        Assert.Empty(response.Warnings);
        Assert.Equal([_fixture.StudyB[0].StudyInstanceUid, StudyA], results.Select(r => r.Text(DicomTags.StudyInstanceUID)));
        var a = results[1];
        Assert.Equal("2", a.Text(DicomTags.NumberOfStudyRelatedSeries));
        Assert.Equal("5", a.Text(DicomTags.NumberOfStudyRelatedInstances));
        Assert.Equal(["CT", "MR"], a.Values(DicomTags.ModalitiesInStudy).Order());
        Assert.Equal(_fixture.StudyA[0].StudyDate, a.Text(DicomTags.StudyDate));
        Assert.Equal(_fixture.StudyA[0].PatientPseudonym, a.Text(DicomTags.PatientID));
        Assert.EndsWith($"/dicom-web/studies/{StudyA}", a.Text(DicomTags.RetrieveURL), StringComparison.Ordinal);
        Assert.False(a.Has(DicomTags.SeriesInstanceUID));
        Assert.False(a.Has(DicomTags.AccessionNumber));
        Assert.False(Leaks.Contains(response.Body), "the answer carries an identifying value");
    }

    [Fact]
    public async Task SeriesOfStudy_BothSeriesBySeriesNumberWithInstanceCounts()
    {
        using var reader = _fixture.Connect(DevUser.Reader);

        var results = (await reader.GetAsync($"studies/{StudyA}/series")).Results();

        Assert.Equal([_fixture.CtSeries[0].SeriesInstanceUid, _fixture.MrSeries[0].SeriesInstanceUid], results.Select(r => r.Text(DicomTags.SeriesInstanceUID)));
        Assert.Equal(["3", "2"], results.Select(r => r.Text(DicomTags.NumberOfSeriesRelatedInstances)));
        Assert.Equal(["CT", "MR"], results.Select(r => r.Text(DicomTags.Modality)));
        Assert.Equal(["1", "2"], results.Select(r => r.Text(DicomTags.SeriesNumber)));
        Assert.All(results, r => Assert.Equal(StudyA, r.Text(DicomTags.StudyInstanceUID)));
        Assert.All(results, r => Assert.False(r.Has(DicomTags.BodyPartExamined)));
    }

    [Fact]
    public async Task InstancesOfSeries_InInstanceNumberOrder_WithRetrieveUrl()
    {
        using var reader = _fixture.Connect(DevUser.Reader);
        var ct = _fixture.CtSeries;

        var results = (await reader.GetAsync($"studies/{StudyA}/series/{ct[0].SeriesInstanceUid}/instances")).Results();

        Assert.Equal(ct.Select(i => i.SopInstanceUid), results.Select(r => r.Text(DicomTags.SOPInstanceUID)));
        Assert.Equal(["1", "2", "3"], results.Select(r => r.Text(DicomTags.InstanceNumber)));
        Assert.All(results, r => Assert.Equal("1.2.840.10008.5.1.4.1.1.2", r.Text(DicomTags.SOPClassUID)));
        Assert.EndsWith($"/studies/{StudyA}/series/{ct[0].SeriesInstanceUid}/instances/{ct[0].SopInstanceUid}",
            results[0].Text(DicomTags.RetrieveURL), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllSeries_WithStudyKey_MatchesTheStudyAsAWholeAndReturnsStudyAttributes()
    {
        using var reader = _fixture.Connect(DevUser.Reader);

        // ModalitiesInStudy=MR is a study key: both of study A's series qualify, study B's CT series does not.
        var results = (await reader.GetAsync("series?ModalitiesInStudy=MR")).Results();

        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.Equal(StudyA, r.Text(DicomTags.StudyInstanceUID)));
        Assert.All(results, r => Assert.Equal(["CT", "MR"], r.Values(DicomTags.ModalitiesInStudy).Order()));
        Assert.All(results, r => Assert.Equal("5", r.Text(DicomTags.NumberOfStudyRelatedInstances)));
    }

    [Fact]
    public async Task InstancesOfStudy_ByModality_OnlyThatSeries()
    {
        using var reader = _fixture.Connect(DevUser.Reader);

        var results = (await reader.GetAsync($"studies/{StudyA}/instances?Modality=MR")).Results();

        Assert.Equal(_fixture.MrSeries.Select(i => i.SopInstanceUid), results.Select(r => r.Text(DicomTags.SOPInstanceUID)));
        Assert.All(results, r => Assert.Equal(_fixture.MrSeries[0].SeriesInstanceUid, r.Text(DicomTags.SeriesInstanceUID)));
    }

    [Fact]
    public async Task IncludeField_NamedAndAll_AddCatalogAttributesOnly()
    {
        using var reader = _fixture.Connect(DevUser.Reader);

        var named = (await reader.GetAsync($"studies/{StudyA}/series?includefield=BodyPartExamined&includefield=0008103E")).Results();
        var all = (await reader.GetAsync($"studies/{StudyA}/series?includefield=all")).Results();

        Assert.All(named, r => Assert.Equal("CHEST", r.Text(DicomTags.BodyPartExamined)));
        Assert.All(named, r => Assert.False(r.Has(DicomTags.SeriesDescription)));
        Assert.All(all, r => Assert.Equal("CHEST", r.Text(DicomTags.BodyPartExamined)));
        Assert.All(all, r => Assert.Equal(_fixture.StudyA[0].PatientPseudonym, r.Text(DicomTags.PatientName)));
        Assert.All(all, r => Assert.False(r.Has(DicomTags.StudyDescription)));
    }

    [Fact]
    public async Task AllInstances_IncludeFieldAll_CarriesTheWholeStudysAndSeriesAttributes()
    {
        using var reader = _fixture.Connect(DevUser.Reader);
        var image = _fixture.CtSeries[1];

        var result = Assert.Single((await reader.GetAsync($"instances?SOPInstanceUID={image.SopInstanceUid}&includefield=all")).Results());

        Assert.Equal("5", result.Text(DicomTags.NumberOfStudyRelatedInstances));
        Assert.Equal("2", result.Text(DicomTags.NumberOfStudyRelatedSeries));
        Assert.Equal("3", result.Text(DicomTags.NumberOfSeriesRelatedInstances));
        Assert.Equal(["CT", "MR"], result.Values(DicomTags.ModalitiesInStudy).Order());
        Assert.Equal("CHEST", result.Text(DicomTags.BodyPartExamined));
        Assert.Equal("2", result.Text(DicomTags.InstanceNumber));
    }

    [Fact]
    public async Task AcceptApplicationJson_SameArrayServedAsApplicationJson()
    {
        using var reader = _fixture.Connect(DevUser.Reader);

        var response = await reader.GetAsync("studies", accept: "application/json");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/json", response.MediaType);
        Assert.Equal(2, response.Results().Count);
    }

    [Theory]
    [InlineData("*/*")]
    [InlineData("application/dicom+json")]
    [InlineData("application/dicom+json, multipart/related; type=\"application/dicom+xml\"")]
    public async Task AcceptDicomJsonOrAny_ServedAsDicomJson(string accept)
    {
        using var reader = _fixture.Connect(DevUser.Reader);

        var response = await reader.GetAsync("studies", accept);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("application/dicom+json", response.MediaType);
    }
}

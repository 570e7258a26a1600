using Hydra.CertsDev;
using Hydra.Dicom.Dictionary;

namespace Hydra.Bridge.Tests.DicomWeb.Qido;

/// <summary>
/// Matching (PS3.4 C.2.2.2 through PS3.18 8.3.4.1): single value, wildcards, date ranges, UID lists, keys on
/// attributes the catalog does not hold, and injection attempts answered as literal non-matches.
/// </summary>
[Collection(QidoCollection.Name)]
public sealed class QidoMatchingTests
{
    private readonly QidoFixture _fixture;

    public QidoMatchingTests(QidoFixture fixture) => _fixture = fixture;

    private string StudyA => _fixture.StudyA[0].StudyInstanceUid;

    private string StudyB => _fixture.StudyB[0].StudyInstanceUid;

    private async Task<IReadOnlyList<string?>> StudiesAsync(string query)
    {
        using var reader = _fixture.Connect(DevUser.Reader);
        return [.. (await reader.GetAsync("studies?" + query)).Results().Select(r => r.Text(DicomTags.StudyInstanceUID))];
    }

    [Fact]
    public async Task SingleValue_PatientIdAndSeriesNumber_MatchExactly()
    {
        var patient = _fixture.StudyA[0].PatientPseudonym;
        using var reader = _fixture.Connect(DevUser.Reader);

        var byPatient = await StudiesAsync("PatientID=" + Uri.EscapeDataString(patient));
        var byOtherPatient = await StudiesAsync("PatientID=" + Uri.EscapeDataString(patient + "X"));
        var bySeriesNumber = (await reader.GetAsync($"studies/{StudyA}/series?SeriesNumber=2")).Results();

        Assert.Equal([StudyB, StudyA], byPatient);
        Assert.Empty(byOtherPatient);
        Assert.Equal([_fixture.MrSeries[0].SeriesInstanceUid], bySeriesNumber.Select(r => r.Text(DicomTags.SeriesInstanceUID)));
    }

    [Fact]
    public async Task Wildcards_StarAndQuestionMark_Match()
    {
        var patient = _fixture.StudyA[0].PatientPseudonym;

        var star = await StudiesAsync("PatientID=" + Uri.EscapeDataString(patient[..3] + "*"));
        var question = await StudiesAsync("PatientID=" + Uri.EscapeDataString("?" + patient[1..]));
        var modality = await StudiesAsync("ModalitiesInStudy=M*");

        Assert.Equal([StudyB, StudyA], star);
        Assert.Equal([StudyB, StudyA], question);
        Assert.Equal([StudyA], modality);
    }

    [Fact]
    public async Task DateRanges_ClosedOpenAndSingle_SelectByShiftedStudyDate()
    {
        var a = _fixture.StudyA[0].StudyDate;
        var b = _fixture.StudyB[0].StudyDate;

        Assert.Equal([StudyA], await StudiesAsync("StudyDate=" + a));
        Assert.Equal([StudyB, StudyA], await StudiesAsync($"StudyDate={b}-{a}"));
        Assert.Equal([StudyB], await StudiesAsync($"StudyDate=-{b}"));
        Assert.Equal([StudyA], await StudiesAsync($"StudyDate={a}-"));
        Assert.Empty(await StudiesAsync("StudyDate=19000101-19000102"));
    }

    [Fact]
    public async Task UidLists_CommaOrBackslashSeparated_MatchAnyListedUid()
    {
        using var reader = _fixture.Connect(DevUser.Reader);
        var ct = _fixture.CtSeries;

        var studies = await StudiesAsync($"StudyInstanceUID={StudyA},{StudyB}");
        var instances = (await reader.GetAsync($"instances?SOPInstanceUID={ct[0].SopInstanceUid},{ct[2].SopInstanceUid}")).Results();
        var backslash = (await reader.GetAsync($"instances?SOPInstanceUID={ct[1].SopInstanceUid}%5C{ct[2].SopInstanceUid}")).Results();

        Assert.Equal([StudyB, StudyA], studies);
        Assert.Equal([ct[0].SopInstanceUid, ct[2].SopInstanceUid], instances.Select(r => r.Text(DicomTags.SOPInstanceUID)));
        Assert.Equal([ct[1].SopInstanceUid, ct[2].SopInstanceUid], backslash.Select(r => r.Text(DicomTags.SOPInstanceUID)));
    }

    [Fact]
    public async Task AttributesTheCatalogLacks_MatchOnlyUniversally()
    {
        // The originals carried an accession number, a study time and "... CHEST PAIN": de-identification kept none.
        Assert.Empty(await StudiesAsync("AccessionNumber=ACC1"));
        Assert.Empty(await StudiesAsync("StudyDescription=*PAIN*"));
        Assert.Empty(await StudiesAsync("StudyTime=101500"));
        Assert.Equal([StudyB, StudyA], await StudiesAsync("AccessionNumber=*"));
        Assert.Equal([StudyB, StudyA], await StudiesAsync("StudyTime=&ReferringPhysicianName="));
    }

    [Theory]
    [InlineData("PatientID=*'%20OR%201=1--")]
    [InlineData("PatientName=Robert');%20DROP%20TABLE%20Students;--")]
    [InlineData("PatientID=%22%20%7C%7C%20%22%22%3D%22")]
    public async Task InjectionAttempts_AreLiteralNonMatches(string query)
    {
        Assert.Empty(await StudiesAsync(query));
    }

    [Fact]
    public async Task FuzzyMatchingTrue_LiteralMatchingWithWarning()
    {
        using var reader = _fixture.Connect(DevUser.Reader);

        var response = await reader.GetAsync("studies?fuzzymatching=true&ModalitiesInStudy=MR");

        Assert.Equal([StudyA], response.Results().Select(r => r.Text(DicomTags.StudyInstanceUID)));
        var warning = Assert.Single(response.Warnings);
        Assert.Matches(@"^299 127\.0\.0\.1:\d+: The fuzzymatching parameter is not supported\. Only literal matching has been performed\.$", warning);
    }

    [Fact]
    public async Task EmptyAndMultipleValueMatchingTrue_EachItsWarning()
    {
        using var reader = _fixture.Connect(DevUser.Reader);

        var response = await reader.GetAsync("studies?emptyvaluematching=true&multiplevaluematching=true&fuzzymatching=false");

        Assert.Equal(2, response.Results().Count);
        Assert.Equal(2, response.Warnings.Count);
        Assert.Contains(response.Warnings, w => w.EndsWith(": The emptyvaluematching parameter is not supported. Empty Value Matching has not been performed.", StringComparison.Ordinal));
        Assert.Contains(response.Warnings, w => w.EndsWith(": The multiplevaluematching parameter is not supported. Multiple Value Matching has not been performed.", StringComparison.Ordinal));
    }
}

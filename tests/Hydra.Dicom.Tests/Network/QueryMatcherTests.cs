using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Network.Services;

namespace Hydra.Dicom.Tests.Network;

/// <summary>PS3.4 C.2.2.2 attribute matching, table-driven.</summary>
public sealed class QueryMatcherTests
{
    public static TheoryData<string, string, string, bool> Cases() => new()
    {
        // key tag, key value, candidate value, expected
        { "PatientName", "DOE^JOHN", "DOE^JOHN", true },
        { "PatientName", "doe^john", "DOE^JOHN", true },
        { "PatientID", "p1", "P1", false },
        { "PatientName", "DOE*", "DOE^JOHN", true },
        { "PatientName", "D?E^*N", "DOE^JOHN", true },
        { "PatientName", "*JANE", "DOE^JOHN", false },
        { "PatientName", "*", "", true },
        { "PatientName", "", "", true },
        { "PatientID", "P1", "", false },
        { "StudyDate", "20200101-20201231", "20200115", true },
        { "StudyDate", "20200101-20201231", "20210115", false },
        { "StudyDate", "-20200115", "20200115", true },
        { "StudyDate", "20200116-", "20200115", false },
        { "StudyDate", "20200115", "20200115", true },
        { "StudyDate", "2020.01.15", "20200115", true },
        { "StudyTime", "1030-1100", "104512.25", true },
        { "StudyTime", "1030", "103059", true },
        { "StudyTime", "1030", "103100", false },
        { "AcquisitionDateTime", "20200115100000-20200115120000", "20200115113000.5+0100", true },
        { "StudyInstanceUID", "1.2.3\\1.2.4", "1.2.4", true },
        { "StudyInstanceUID", "1.2.3\\1.2.4", "1.2.5", false },
        { "StudyInstanceUID", "1.2.3*", "1.2.34", false },
        { "ModalitiesInStudy", "CT", "MR\\CT", true },
        { "ModalitiesInStudy", "US", "MR\\CT", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_SingleKey_FollowsPs34(string keyword, string key, string value, bool expected)
    {
        // Arrange
        var tag = Tag(keyword);
        var identifier = new DicomDataset();
        identifier.SetString(tag, key);
        var candidate = new DicomDataset();
        candidate.SetString(tag, value);

        // Act
        var matched = DicomQueryMatcher.Matches(identifier, candidate);

        // Assert
        Assert.Equal(expected, matched);
    }

    [Fact]
    public void Matches_KeyAbsentFromCandidate_OnlyUniversalMatches()
    {
        var identifier = new DicomDataset();
        identifier.SetString(DicomTags.PatientID, "P1");
        Assert.False(DicomQueryMatcher.Matches(identifier, new DicomDataset()));
        identifier.SetEmpty(DicomTags.PatientID);
        Assert.True(DicomQueryMatcher.Matches(identifier, new DicomDataset()));
    }

    [Fact]
    public void Matches_SequenceKey_NeedsOneItemMatchingEveryItemKey()
    {
        // Arrange
        var query = new DicomDataset();
        var item = new DicomDataset();
        item.SetString(DicomTags.CodeValue, "T-D*");
        query.SetSequence(DicomTags.AnatomicRegionSequence, item);
        var candidate = new DicomDataset();
        var first = new DicomDataset();
        first.SetString(DicomTags.CodeValue, "X-1");
        var second = new DicomDataset();
        second.SetString(DicomTags.CodeValue, "T-D3000");
        candidate.SetSequence(DicomTags.AnatomicRegionSequence, first, second);

        // Act + Assert
        Assert.True(DicomQueryMatcher.Matches(query, candidate));
        candidate.SetSequence(DicomTags.AnatomicRegionSequence, first);
        Assert.False(DicomQueryMatcher.Matches(query, candidate));
    }

    [Fact]
    public void CreateResponse_ReturnsRequestedKeysOnly_EmptyWhenTheCandidateLacksOne()
    {
        // Arrange
        var identifier = new DicomDataset();
        identifier.SetString(DicomTags.QueryRetrieveLevel, "STUDY");
        identifier.SetString(DicomTags.PatientName, "DOE*");
        identifier.SetEmpty(DicomTags.StudyDescription);
        var candidate = new DicomDataset();
        candidate.SetString(DicomTags.PatientName, "DOE^JOHN");
        candidate.SetString(DicomTags.PatientID, "P1");

        // Act
        var response = DicomQueryMatcher.CreateResponse(identifier, candidate);

        // Assert
        Assert.Equal("STUDY", response.GetString(DicomTags.QueryRetrieveLevel));
        Assert.Equal("DOE^JOHN", response.GetString(DicomTags.PatientName));
        Assert.Equal(string.Empty, response.GetString(DicomTags.StudyDescription));
        Assert.Null(response[DicomTags.PatientID]);
    }

    private static DicomTag Tag(string keyword) =>
        (DicomTag)typeof(DicomTags).GetProperty(keyword)!.GetValue(null)!;
}

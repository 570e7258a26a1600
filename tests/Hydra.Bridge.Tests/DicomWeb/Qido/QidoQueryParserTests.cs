using Hydra.Bridge.DicomWeb.Qido;
using Hydra.Dicom.Dictionary;

namespace Hydra.Bridge.Tests.DicomWeb.Qido;

/// <summary>The query parser as a pure function (no bridge); Accept negotiation is DicomWebMediaTests'.</summary>
public sealed class QidoQueryParserTests
{
    [Fact]
    public void Parse_KeysOfEachLevel_GoToThatLevelsIdentifier()
    {
        var query = QidoQueryParser.Parse("?PatientID=P1&Modality=CT&InstanceNumber=4&StudyInstanceUID=1.2,1.3", new QidoScope(QidoLevel.Instance), out var error);

        Assert.Null(error);
        Assert.NotNull(query);
        Assert.Equal("P1", query.KeysAt(QidoLevel.Study)!.GetString(DicomTags.PatientID));
        Assert.Equal(["1.2", "1.3"], query.KeysAt(QidoLevel.Study)!.GetStrings(DicomTags.StudyInstanceUID));
        Assert.Equal("CT", query.KeysAt(QidoLevel.Series)!.GetString(DicomTags.Modality));
        Assert.Equal("4", query.KeysAt(QidoLevel.Instance)!.GetString(DicomTags.InstanceNumber));
        Assert.Equal(4, query.KeyTags.Count);
    }

    [Fact]
    public void Parse_PercentEncodingAndHexTags_Decoded()
    {
        var query = QidoQueryParser.Parse("00100010=DOE%5EJ*&includefield=00081030,StudyID", new QidoScope(QidoLevel.Study), out _);

        Assert.NotNull(query);
        Assert.Equal("DOE^J*", query.KeysAt(QidoLevel.Study)!.GetString(DicomTags.PatientName));
        Assert.Equal([DicomTags.StudyDescription, DicomTags.StudyID], query.IncludeFields.Order());
    }

    [Theory]
    [InlineData("StudyTime=1015-1230", true)]
    [InlineData("StudyTime=101500.123456", true)]
    [InlineData("StudyTime=101500.1234567", false)]
    [InlineData("StudyTime=1260", false)]
    [InlineData("StudyTime=1230-1015", false)]
    [InlineData("StudyDate=20240229", true)]
    [InlineData("StudyDate=20230229", false)]
    [InlineData("StudyDate=-", false)]
    [InlineData("StudyInstanceUID=1.2.03", false)]
    [InlineData("StudyInstanceUID=1.2,,1.3", false)]
    [InlineData("PatientSex=F", true)]
    [InlineData("PatientName=A=B=C=D", false)]
    [InlineData("StudyID=12345678901234567", false)]
    public void Parse_ValuesCheckedPerVr(string parameter, bool valid)
    {
        var query = QidoQueryParser.Parse(parameter, new QidoScope(QidoLevel.Study), out var error);

        Assert.Equal(valid, query is not null);
        Assert.Equal(valid, error is null);
    }

    [Fact]
    public void Scope_Describe_NamesTheResource()
    {
        Assert.Equal("instances of a series", new QidoScope(QidoLevel.Instance, "1.2", "1.3").Describe());
        Assert.Equal("series of a study", new QidoScope(QidoLevel.Series, "1.2").Describe());
    }
}

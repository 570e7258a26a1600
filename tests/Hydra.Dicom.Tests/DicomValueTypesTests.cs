namespace Hydra.Dicom.Tests;

public sealed class DicomValueTypesTests
{
    [Theory]
    [InlineData("1.2.840.10008.1.2.1", true)]
    [InlineData("2.25.329800735698586629295641978511506172918", true)]
    [InlineData("0.1", true)]
    [InlineData("1.02.3", false)]
    [InlineData("1..2", false)]
    [InlineData("1.2.", false)]
    [InlineData("1.2.a", false)]
    [InlineData("", false)]
    [InlineData("1.2.3456789012345678901234567890123456789012345678901234567890123", false)]
    public void IsValid_FollowsPS35Section91(string uid, bool valid)
    {
        Assert.Equal(valid, DicomUid.IsValid(uid));
    }

    [Fact]
    public void FromUuid_StandardsExample_GivesItsUid()
    {
        // PS3.5 B.2: f81d4fae-7dec-11d0-a765-00a0c91e6bf6 is 2.25.329800735698586629295641978511506172918.
        Assert.Equal("2.25.329800735698586629295641978511506172918", DicomUid.FromUuid(Guid.Parse("f81d4fae-7dec-11d0-a765-00a0c91e6bf6")));
    }

    [Fact]
    public void Generate_GivesValidDistinctUuidUids()
    {
        var uids = Enumerable.Range(0, 100).Select(_ => DicomUid.Generate()).ToList();

        Assert.All(uids, uid => Assert.True(DicomUid.IsValid(uid) && uid.StartsWith("2.25.", StringComparison.Ordinal), uid));
        Assert.Equal(100, uids.Distinct().Count());
    }

    [Fact]
    public void Lookup_KnownAndUnknownUids_GiveTheirEncodingProperties()
    {
        Assert.Same(DicomTransferSyntax.ImplicitVRLittleEndian, DicomTransferSyntax.Lookup("1.2.840.10008.1.2\0"));
        Assert.True(DicomTransferSyntax.ExplicitVRBigEndian.IsBigEndian);
        Assert.True(DicomTransferSyntax.DeflatedExplicitVRLittleEndian.IsDeflated);
        Assert.True(DicomTransferSyntax.Lookup("1.2.840.10008.1.2.4.50").IsEncapsulated);
        var unknown = DicomTransferSyntax.Lookup("1.2.3.4");
        Assert.True(unknown.IsExplicitVR && unknown.IsEncapsulated && !unknown.IsBigEndian);
        Assert.Equal(DicomTransferSyntax.Lookup("1.2.3.4"), unknown);
        Assert.False(DicomTransferSyntax.IsKnown("1.2.3.4"));
    }

    [Theory]
    [InlineData("07", 7, 0, 0, 0)]
    [InlineData("0730", 7, 30, 0, 0)]
    [InlineData("073015", 7, 30, 15, 0)]
    [InlineData("073015.5", 7, 30, 15, 500)]
    [InlineData("07:30:15", 7, 30, 15, 0)]
    public void ParseTime_PartialForms_AreAccepted(string text, int hour, int minute, int second, int millisecond)
    {
        Assert.Equal(new TimeOnly(hour, minute, second, millisecond), DicomDateTime.ParseTime(text));
    }

    [Fact]
    public void ParseDateTime_WithOffset_ReportsIt()
    {
        var value = DicomDateTime.ParseDateTime("20240229123000.25+0130", out var offset);

        Assert.Equal(new DateTime(2024, 2, 29, 12, 30, 0, 250), value);
        Assert.Equal(new TimeSpan(1, 30, 0), offset);
        Assert.Equal(new DateTime(2024, 1, 1), DicomDateTime.ParseDateTime("2024", out var none));
        Assert.Null(none);
    }

    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("20241399")]
    public void ParseDate_Malformed_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => DicomDateTime.ParseDate(text));
    }

    [Fact]
    public void ParseDate_AcrNemaForm_IsAccepted()
    {
        Assert.Equal(new DateOnly(1993, 8, 22), DicomDateTime.ParseDate("1993.08.22"));
    }

    [Fact]
    public void VRProperties_FollowPS35Table621()
    {
        DicomVR[] longLength = [DicomVR.OB, DicomVR.OD, DicomVR.OF, DicomVR.OL, DicomVR.OV, DicomVR.OW, DicomVR.SQ, DicomVR.SV, DicomVR.UC,
            DicomVR.UN, DicomVR.UR, DicomVR.UT, DicomVR.UV];
        var all = Enum.GetValues<DicomVR>().Where(v => v != DicomVR.None).ToArray();

        Assert.Equal(34, all.Length);
        Assert.All(all, vr => Assert.Equal(longLength.Contains(vr), vr.HasLongLength()));
        Assert.Equal(0, DicomVR.UI.PaddingByte());
        Assert.Equal((byte)' ', DicomVR.LO.PaddingByte());
        Assert.Equal(8, DicomVR.FD.UnitSize());
        Assert.False(((DicomVR)0x4142).IsKnown());
        Assert.Equal("??", ((DicomVR)0x1234).Code());
    }
}

namespace Hydra.Grid.Tests;

public sealed class FqanTests
{
    [Theory]
    [InlineData("/hospital", "/hospital", "hospital", "/hospital", null)]
    [InlineData("/hospital/radiology", "/hospital/radiology", "hospital", "/hospital/radiology", null)]
    [InlineData("/hospital/radiology/Role=NULL/Capability=NULL", "/hospital/radiology", "hospital", "/hospital/radiology", null)]
    [InlineData("/hospital/radiology/Role=NULL", "/hospital/radiology", "hospital", "/hospital/radiology", null)]
    [InlineData("/hospital/radiology/Role=clinician/Capability=NULL", "/hospital/radiology/Role=clinician", "hospital", "/hospital/radiology", "clinician")]
    [InlineData("/hospital/Role=admin", "/hospital/Role=admin", "hospital", "/hospital", "admin")]
    [InlineData("/vo.example.org/a_b/c-d/Role=x.y", "/vo.example.org/a_b/c-d/Role=x.y", "vo.example.org", "/vo.example.org/a_b/c-d", "x.y")]
    [InlineData("/hospital/role=admin", "/hospital/Role=admin", "hospital", "/hospital", "admin")]
    public void Parse_Valid_Normalised(string text, string normalised, string vo, string group, string? role)
    {
        var fqan = Fqan.Parse(text);

        Assert.Equal(normalised, fqan.ToString());
        Assert.Equal(vo, fqan.Vo);
        Assert.Equal(group, fqan.Group);
        Assert.Equal(role, fqan.Role);
    }

    [Theory]
    [InlineData("")]
    [InlineData("hospital")]
    [InlineData("/")]
    [InlineData("/hospital/")]
    [InlineData("//radiology")]
    [InlineData("/hospital/radio logy")]
    [InlineData("/hospital/Role=")]
    [InlineData("/hospital/Role=a/extra")]
    [InlineData("/hospital/Capability=c/Role=r")]
    [InlineData("/Role=admin")]
    [InlineData("/hospital/*")]
    public void TryParse_Malformed_False(string text) => Assert.False(Fqan.TryParse(text, out _));

    [Fact]
    public void Parse_TooLong_Throws() => Assert.Throws<FormatException>(() => Fqan.Parse("/" + new string('a', 255)));

    [Fact]
    public void Equals_LongAndShortForms_Equal()
    {
        Assert.Equal(Fqan.Parse("/hospital/radiology/Role=NULL/Capability=NULL"), Fqan.Parse("/hospital/radiology"));
        Assert.NotEqual(Fqan.Parse("/hospital/radiology/Role=clinician"), Fqan.Parse("/hospital/radiology"));
        Assert.NotEqual(Fqan.Parse("/Hospital/radiology"), Fqan.Parse("/hospital/radiology"));
    }

    [Fact]
    public void Capability_NonNull_Kept()
    {
        var fqan = Fqan.Parse("/hospital/Role=r/Capability=c");

        Assert.Equal("c", fqan.Capability);
        Assert.Equal("/hospital/Role=r/Capability=c", fqan.ToString());
        Assert.Equal(["hospital"], fqan.Groups);
    }
}

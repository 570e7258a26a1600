namespace Hydra.Grid.Tests;

public sealed class FqanPatternTests
{
    [Theory]
    // Exact group, no role: only the role-less FQAN of that very group.
    [InlineData("/hospital/radiology", "/hospital/radiology", true)]
    [InlineData("/hospital/radiology", "/hospital/radiology/Role=NULL/Capability=NULL", true)]
    [InlineData("/hospital/radiology", "/hospital/radiology/Role=clinician", false)]
    [InlineData("/hospital/radiology", "/hospital/radiology/ct", false)]
    [InlineData("/hospital/radiology", "/hospital", false)]
    [InlineData("/hospital", "/hospital/radiology", false)]
    // Exact role.
    [InlineData("/hospital/radiology/Role=clinician", "/hospital/radiology/Role=clinician", true)]
    [InlineData("/hospital/radiology/Role=clinician", "/hospital/radiology/Role=clinicianx", false)]
    [InlineData("/hospital/radiology/Role=clinician", "/hospital/radiology", false)]
    [InlineData("/hospital/radiology/Role=clinician", "/hospital/radiology/ct/Role=clinician", false)]
    [InlineData("/hospital/radiology/Role=NULL", "/hospital/radiology", true)]
    [InlineData("/hospital/radiology/Role=NULL", "/hospital/radiology/Role=clinician", false)]
    // Trailing group wildcard: the group and every subgroup, any role (no role given).
    [InlineData("/hospital/*", "/hospital", true)]
    [InlineData("/hospital/*", "/hospital/radiology/ct", true)]
    [InlineData("/hospital/*", "/hospital/radiology/Role=clinician", true)]
    [InlineData("/hospital/*", "/hospitalx/radiology", false)]
    [InlineData("/hospital/*", "/biomed", false)]
    [InlineData("/hospital/radiology/*", "/hospital/radiology", true)]
    [InlineData("/hospital/radiology/*", "/hospital/radiologyx", false)]
    // Group wildcard with a role condition.
    [InlineData("/hospital/*/Role=officer", "/hospital/security/Role=officer", true)]
    [InlineData("/hospital/*/Role=officer", "/hospital/security", false)]
    [InlineData("/hospital/*/Role=NULL", "/hospital/security", true)]
    [InlineData("/hospital/*/Role=NULL", "/hospital/security/Role=officer", false)]
    // Role wildcards: * is any role or none; prefix* needs a role with that prefix.
    [InlineData("/hospital/radiology/Role=*", "/hospital/radiology", true)]
    [InlineData("/hospital/radiology/Role=*", "/hospital/radiology/Role=anything", true)]
    [InlineData("/hospital/radiology/Role=*", "/hospital/radiology/ct", false)]
    [InlineData("/hospital/radiology/Role=clin*", "/hospital/radiology/Role=clinician", true)]
    [InlineData("/hospital/radiology/Role=clin*", "/hospital/radiology/Role=admin", false)]
    [InlineData("/hospital/radiology/Role=clin*", "/hospital/radiology", false)]
    public void Matches_Table(string pattern, string fqan, bool expected) =>
        Assert.Equal(expected, FqanPattern.Parse(pattern).Matches(Fqan.Parse(fqan)));

    [Theory]
    [InlineData("")]
    [InlineData("hospital")]
    [InlineData("/hospital/*/radiology")]
    [InlineData("/*")]
    [InlineData("/hospital/ra*")]
    [InlineData("/hospital/Role=")]
    [InlineData("/hospital/Role=a/Capability=b")]
    public void TryParse_Malformed_False(string text) => Assert.False(FqanPattern.TryParse(text, out _));

    [Fact]
    public void MatchesAny_OneOfSeveral_True()
    {
        var pattern = FqanPattern.Parse("/hospital/security/Role=officer");
        Fqan[] fqans = [Fqan.Parse("/hospital/radiology"), Fqan.Parse("/hospital/security/Role=officer")];

        Assert.True(pattern.MatchesAny(fqans));
        Assert.False(pattern.MatchesAny(fqans[..1]));
        Assert.Equal("hospital", pattern.Vo);
    }
}

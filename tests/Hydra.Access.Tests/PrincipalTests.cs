namespace Hydra.Access.Tests;

public sealed class PrincipalTests
{
    [Theory]
    [InlineData("any", "any")]
    [InlineData("ANY", "any")]
    [InlineData("dn:/DC=org/DC=hydra-dev/O=Hospital/CN=Alice", "dn:/DC=org/DC=hydra-dev/O=Hospital/CN=Alice")]
    [InlineData("fqan:/hospital/radiology/Role=NULL/Capability=NULL", "fqan:/hospital/radiology")]
    [InlineData("fqan:/hospital/*", "fqan:/hospital/*")]
    public void Parse_Valid_Normalises(string text, string canonical)
    {
        Assert.Equal(canonical, Principal.Parse(text).Canonical);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("user:alice", "must start with 'dn:' or 'fqan:'")]
    [InlineData("dn:CN=Alice", "not a distinguished name")]
    [InlineData("fqan:hospital", "not an FQAN pattern")]
    public void Parse_Invalid_NamesTheProblem(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => Principal.Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}

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

    [Theory]
    [InlineData("dn:/DC=org/O=Hospital/CN=Alice\0Mallory", "dn:/DC=org/O=Hospital/CN=Alice\\u0000Mallory")]
    [InlineData("dn:/DC=org/O=Hospital/CN=Al\u001bice", "dn:/DC=org/O=Hospital/CN=Al\\u001Bice")]
    [InlineData("fqan:/hospital\0/radiology", "fqan:/hospital\\u0000/radiology")]
    public void Parse_ControlCharacter_IsRefusedNamingThePrincipalWithoutIt(string text, string shown)
    {
        var error = Assert.Throws<FormatException>(() => Principal.Parse(text));

        Assert.Equal($"Principal '{shown}' holds a control character.", error.Message);
        Assert.DoesNotContain(error.Message, char.IsControl);
    }

    [Theory]
    [InlineData("fqan:/../..", "'..'")]
    [InlineData("fqan:/hospital/../security", "'..'")]
    [InlineData("fqan:/hospital/./radiology", "'.'")]
    [InlineData("fqan:/hospital//radiology", "empty")]
    [InlineData("fqan:/hospital/radiology/", "empty")]
    [InlineData("fqan:/", "empty")]
    public void Parse_FqanWithAPathSegmentThatIsNoName_IsRefused(string text, string segment)
    {
        var error = Assert.Throws<FormatException>(() => Principal.Parse(text));

        Assert.Equal($"Principal '{text}' has an {segment} segment; FQAN groups are names.", error.Message);
    }

    [Theory]
    [InlineData("fqan:/hospital/radiology.mri", "fqan:/hospital/radiology.mri")]
    [InlineData("fqan:/hospital/*/Role=officer", "fqan:/hospital/*/Role=officer")]
    public void Parse_FqanWithDotsInsideNames_IsAccepted(string text, string canonical)
    {
        Assert.Equal(canonical, Principal.Parse(text).Canonical);
    }

    [Theory]
    [InlineData("dn:/DC=org/O=Hospital/CN=Alice\0Mallory")]
    [InlineData("fqan:/../..")]
    public void ParseStored_WhatInputRefuses_StillReadsSoOldFilesOpen(string stored)
    {
        Assert.Throws<FormatException>(() => Principal.Parse(stored));

        var principal = Principal.ParseStored(stored);

        Assert.Equal(principal, Principal.ParseStored(principal.Canonical));
        Assert.Equal(principal, AclEntry.ParseStoredRule(principal.Canonical + "=g").Principal);
        Assert.Throws<FormatException>(() => AclEntry.ParseRule(principal.Canonical + "=g"));
    }
}

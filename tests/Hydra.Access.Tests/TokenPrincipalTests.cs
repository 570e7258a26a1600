using Hydra.Grid;

namespace Hydra.Access.Tests;

public sealed class TokenPrincipalTests
{
    private const string Issuer = "https://iam.hospital.example/";
    private const string Subject = "e1eb758b-b73c-4761-bfff-adc793da409c";

    private static CallerIdentity Caller(TokenSubject? token, params string[] fqans) =>
        new(
            DistinguishedName.Parse("/DC=org/DC=hydra-dev/O=Hospital/CN=Bridge"),
            DistinguishedName.Parse("/DC=org/DC=hydra-dev/CN=Hydra Dev CA"),
            [.. fqans.Select(Fqan.Parse)],
            ProxyDepth: 0,
            IsLimited: false,
            NotAfter: DateTimeOffset.MaxValue,
            Peer: "127.0.0.1:1")
        { Token = token };

    [Theory]
    [InlineData("oidc:https://iam.hospital.example/#e1eb758b", "oidc:https://iam.hospital.example/#e1eb758b")]
    [InlineData("OIDC:https://iam.hospital.example/#e1eb758b", "oidc:https://iam.hospital.example/#e1eb758b")]
    [InlineData("oidc:https://iam.hospital.example#a#b", "oidc:https://iam.hospital.example#a#b")]
    [InlineData("oidc:http://127.0.0.1:5000#alice", "oidc:http://127.0.0.1:5000#alice")]
    public void Parse_Valid_KeepsIssuerAndSubjectExactly(string text, string canonical)
    {
        var principal = Principal.Parse(text);

        Assert.Equal(PrincipalKind.Oidc, principal.Kind);
        Assert.Equal(canonical, principal.Canonical);
        Assert.Equal(principal, Principal.Parse(principal.Canonical));
    }

    [Theory]
    [InlineData("oidc:https://iam.hospital.example/", "oidc:<issuer URL>#<subject>")]
    [InlineData("oidc:https://iam.hospital.example/#", "subject of 1 to 255")]
    [InlineData("oidc:iam.hospital.example#alice", "https URL")]
    [InlineData("oidc:ftp://iam.hospital.example#alice", "https URL")]
    [InlineData("oidc:https://iam.hospital.example/?tenant=1#alice", "https URL")]
    [InlineData("oidc:https://iam.hospital.example/#al\u00efce", "printable ASCII")]
    public void Parse_Invalid_NamesTheProblem(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => Principal.Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SubjectLongerThan255_IsRefused()
    {
        Assert.Throws<FormatException>(() => Principal.Parse($"oidc:{Issuer}#{new string('s', 256)}"));
        Assert.Equal(PrincipalKind.Oidc, Principal.Parse($"oidc:{Issuer}#{new string('s', 255)}").Kind);
    }

    [Fact]
    public void Matches_OnlyTheSameIssuerAndSubject()
    {
        var principal = Principal.ForToken(new TokenSubject(Issuer, Subject));

        Assert.True(principal.Matches(Caller(new TokenSubject(Issuer, Subject))));
        Assert.False(principal.Matches(Caller(new TokenSubject("https://iam.research.example/", Subject))));
        Assert.False(principal.Matches(Caller(new TokenSubject("https://iam.hospital.example", Subject))));
        Assert.False(principal.Matches(Caller(new TokenSubject(Issuer, Subject.ToUpperInvariant()))));
        Assert.False(principal.Matches(Caller(token: null)));
    }

    [Fact]
    public void TokenGroups_AreMatchedByFqanPatterns_AsVomsFqansAre()
    {
        var caller = Caller(new TokenSubject(Issuer, Subject), "/hospital/radiology");
        var acl = new KeyAcl(
            Principal.ForSubject(DistinguishedName.Parse("/DC=org/DC=hydra-dev/O=Hospital/CN=Claire Clinician")),
            [AclEntry.ParseRule("fqan:/hospital/*=g"), AclEntry.ParseRule($"oidc:{Issuer}#{Subject}=r")],
            Version: 1);

        var held = AccessEvaluator.Evaluate(caller, acl, isAdministrator: false);

        Assert.Equal(KeyPermissions.GetShare | KeyPermissions.ReadAcl, held);
    }

    [Fact]
    public void DenyEntry_ForATokenSubject_RemovesWhatAGroupGrants()
    {
        var caller = Caller(new TokenSubject(Issuer, Subject), "/hospital/radiology");
        var acl = new KeyAcl(
            Principal.ForSubject(DistinguishedName.Parse("/DC=org/DC=hydra-dev/O=Hospital/CN=Claire Clinician")),
            [AclEntry.ParseRule("fqan:/hospital/radiology=g"), AclEntry.ParseRule($"!oidc:{Issuer}#{Subject}=g")],
            Version: 1);

        Assert.Equal(KeyPermissions.None, AccessEvaluator.Evaluate(caller, acl, isAdministrator: false));
    }

    [Fact]
    public void ExistingPrincipals_KeepTheirCanonicalForms()
    {
        Assert.Equal("fqan:/hospital/radiology", Principal.ParseStored("fqan:/hospital/radiology").Canonical);
        Assert.Equal("any", Principal.ParseStored("ANY").Canonical);
        Assert.Equal("dn:/DC=org/O=Hospital/CN=Alice", Principal.ParseStored("dn:/DC=org/O=Hospital/CN=Alice").Canonical);
    }
}

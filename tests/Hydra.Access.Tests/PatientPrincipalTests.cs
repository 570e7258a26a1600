using Hydra.Grid;

namespace Hydra.Access.Tests;

public sealed class PatientPrincipalTests
{
    private const string Pseudonym = "HYD-0123456789ABCDEFGHJKMNPQRS";

    private static CallerIdentity Patient(string pseudonym) =>
        new(new DistinguishedName([]), new DistinguishedName([]), [], ProxyDepth: 0, IsLimited: false, NotAfter: DateTimeOffset.MaxValue, Peer: "127.0.0.1:1",
            Delegate: "/DC=org/DC=hydra-dev/O=Hospital/CN=bridge.hydra.test")
        { Patient = new PatientPseudonym(pseudonym) };

    private static CallerIdentity Person(string subject) =>
        new(DistinguishedName.Parse(subject), DistinguishedName.Parse("/DC=org/DC=hydra-dev/CN=Hydra Dev CA"), [], 0, false, DateTimeOffset.MaxValue, "127.0.0.1:1");

    [Theory]
    [InlineData("patient:" + Pseudonym, "patient:" + Pseudonym)]
    [InlineData("PATIENT:" + Pseudonym, "patient:" + Pseudonym)]
    [InlineData("patient:a.b_c-9", "patient:a.b_c-9")]
    public void Parse_Valid_KeepsThePseudonymExactly(string text, string canonical)
    {
        var principal = Principal.Parse(text);

        Assert.Equal(PrincipalKind.Patient, principal.Kind);
        Assert.Equal(canonical, principal.Canonical);
        Assert.Equal(principal, Principal.Parse(principal.Canonical));
    }

    [Theory]
    [InlineData("patient:", "is empty")]
    [InlineData("patient:HYD 01", "letter, digit")]
    [InlineData("patient:HYD/01", "letter, digit")]
    [InlineData("patient:Dupont^Jean", "letter, digit")]
    public void Parse_Invalid_NamesTheProblem(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => Principal.Parse(text));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongerThanALoValue_IsRefused()
    {
        Assert.Equal(PrincipalKind.Patient, Principal.Parse("patient:" + new string('A', 64)).Kind);
        var error = Assert.Throws<FormatException>(() => Principal.Parse("patient:" + new string('A', 65)));
        Assert.Contains("at most 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Matches_OnlyThatPatient_CaseSensitive()
    {
        var principal = Principal.Parse("patient:" + Pseudonym);

        Assert.True(principal.Matches(Patient(Pseudonym)));
        Assert.True(principal.Names(Patient(Pseudonym)));
        Assert.False(principal.Matches(Patient(Pseudonym.ToLowerInvariant())));
        Assert.False(principal.Matches(Patient("HYD-ZZZZZZZZZZZZZZZZZZZZZZZZZZ")));
        Assert.False(principal.Matches(Person("/DC=org/DC=hydra-dev/O=Hospital/CN=Claire Clinician")));
    }

    [Fact]
    public void PatientCaller_IsNamedByPseudonym_AndNoDnPrincipalCoversIt()
    {
        var caller = Patient(Pseudonym);

        Assert.Equal("patient:" + Pseudonym, caller.SubjectText);
        Assert.Equal(Principal.Parse("patient:" + Pseudonym), caller.Principal);
        // An empty subject must never be mistaken for a DN principal naming nobody.
        Assert.False(Principal.ForSubject(DistinguishedName.Parse("/DC=org/CN=x")).Matches(caller));
    }

    [Fact]
    public void Evaluate_PatientEntryGrantsRead_ResearchDenyDoesNotTouchThePatient()
    {
        var acl = new KeyAcl(
            Principal.ForSubject(DistinguishedName.Parse("/DC=org/DC=hydra-dev/O=Hospital/CN=bridge.hydra.test")),
            [AclEntry.ParseRule("fqan:/hospital/radiology=g"), AclEntry.ParseRule($"patient:{Pseudonym}=g"), AclEntry.ParseRule("!fqan:/research=g")],
            Version: 1);

        Assert.Equal(KeyPermissions.GetShare, AccessEvaluator.Evaluate(Patient(Pseudonym), acl, isAdministrator: false));
        Assert.Equal(KeyPermissions.None, AccessEvaluator.Evaluate(Patient("HYD-ZZZZZZZZZZZZZZZZZZZZZZZZZZ"), acl, isAdministrator: false));
    }

    [Fact]
    public void Any_DoesNotCoverAPatient()
    {
        var acl = new KeyAcl(
            Principal.ForSubject(DistinguishedName.Parse("/DC=org/DC=hydra-dev/O=Hospital/CN=bridge.hydra.test")), [AclEntry.ParseRule("any=g")], Version: 1);

        Assert.False(Principal.Any.Matches(Patient(Pseudonym)));
        Assert.Equal(KeyPermissions.None, AccessEvaluator.Evaluate(Patient(Pseudonym), acl, isAdministrator: false));
        Assert.Equal(KeyPermissions.GetShare, AccessEvaluator.Evaluate(Person("/DC=org/DC=hydra-dev/O=Hospital/CN=Claire Clinician"), acl, isAdministrator: false));
    }
}

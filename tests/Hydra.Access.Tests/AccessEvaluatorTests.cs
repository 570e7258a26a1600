using Hydra.Grid;

namespace Hydra.Access.Tests;

public sealed class AccessEvaluatorTests
{
    private static readonly DistinguishedName Owner = DistinguishedName.Parse("/DC=org/DC=hydra-dev/O=Hospital/CN=Owner");
    private static readonly DistinguishedName Alice = DistinguishedName.Parse("/DC=org/DC=hydra-dev/O=Hospital/CN=Alice");

    private static CallerIdentity Caller(DistinguishedName subject, bool limited = false, params string[] fqans) =>
        new(subject, DistinguishedName.Parse("/DC=org/DC=hydra-dev/CN=CA"), [.. fqans.Select(Fqan.Parse)], 0, limited, DateTimeOffset.MaxValue, "test");

    private static KeyAcl Acl(params (string Principal, KeyPermissions Permissions, bool Deny)[] entries) =>
        new(Principal.ForSubject(Owner), [.. entries.Select(e => new AclEntry(Principal.Parse(e.Principal), e.Permissions, e.Deny))], 1);

    [Fact]
    public void Evaluate_Owner_HasEverything()
    {
        Assert.Equal(KeyPermissions.All, AccessEvaluator.Evaluate(Caller(Owner), Acl(), isAdministrator: false));
    }

    [Fact]
    public void Evaluate_OwnerDeniedGetShare_KeepsAclManagement()
    {
        var permissions = AccessEvaluator.Evaluate(Caller(Owner), Acl(("dn:" + Owner, KeyPermissions.All, true)), false);

        Assert.Equal(KeyPermissions.ReadAcl | KeyPermissions.WriteAcl, permissions);
    }

    [Theory]
    [InlineData("fqan:/hospital/radiology", "/hospital/radiology", true)]
    [InlineData("fqan:/hospital/*", "/hospital/radiology", true)]
    [InlineData("fqan:/hospital/radiology", "/hospital/radiology/Role=clinician", false)]
    [InlineData("fqan:/hospital/radiology/Role=clinician", "/hospital/radiology/Role=clinician", true)]
    [InlineData("fqan:/hospital/radiology/Role=clinician", "/hospital/radiology/Role=nurse", false)]
    [InlineData("fqan:/hospital/radiology", "/biomed/radiology", false)]
    public void Evaluate_FqanEntries_FollowArgusMatching(string principal, string fqan, bool granted)
    {
        var permissions = AccessEvaluator.Evaluate(Caller(Alice, false, fqan), Acl((principal, KeyPermissions.GetShare, false)), false);

        Assert.Equal(granted ? KeyPermissions.GetShare : KeyPermissions.None, permissions);
    }

    [Fact]
    public void Evaluate_DenyWinsOverAnyAllow()
    {
        var acl = Acl(("any", KeyPermissions.GetShare, false), ("fqan:/hospital/*", KeyPermissions.GetShare | KeyPermissions.ReadAcl, false),
            ("dn:" + Alice, KeyPermissions.GetShare, true));

        Assert.Equal(KeyPermissions.ReadAcl, AccessEvaluator.Evaluate(Caller(Alice, false, "/hospital/radiology"), acl, false));
    }

    [Fact]
    public void Evaluate_AnyNeverGrantsWriteAcl()
    {
        Assert.Equal(KeyPermissions.GetShare | KeyPermissions.Delete | KeyPermissions.ReadAcl,
            AccessEvaluator.Evaluate(Caller(Alice), Acl(("any", KeyPermissions.All, false)), false));
    }

    [Fact]
    public void Evaluate_Administrator_NeverGetsShare()
    {
        var permissions = AccessEvaluator.Evaluate(Caller(Alice), Acl(("dn:" + Alice, KeyPermissions.GetShare, false)), isAdministrator: true);

        Assert.Equal(KeyPermissions.Delete | KeyPermissions.ReadAcl | KeyPermissions.WriteAcl, permissions);
    }

    [Fact]
    public void Evaluate_LimitedProxy_MayOnlyRead()
    {
        Assert.Equal(KeyPermissions.GetShare | KeyPermissions.ReadAcl, AccessEvaluator.Evaluate(Caller(Owner, limited: true), Acl(), false));
    }

    [Theory]
    [InlineData("remove an allow", "", true)]
    [InlineData("narrow an allow", "dn:/DC=org/DC=hydra-dev/O=Hospital/CN=Alice=1", true)]
    [InlineData("add a deny", "dn:/DC=org/DC=hydra-dev/O=Hospital/CN=Alice=1;fqan:/biomed=1!", true)]
    [InlineData("widen an allow", "dn:/DC=org/DC=hydra-dev/O=Hospital/CN=Alice=5", false)]
    [InlineData("add a principal", "dn:/DC=org/DC=hydra-dev/O=Hospital/CN=Alice=1;fqan:/biomed=1", false)]
    [InlineData("drop a deny", "dn:/DC=org/DC=hydra-dev/O=Hospital/CN=Alice=1", false)]
    public void OnlyRestricts_AcceptsOnlyNarrowing(string change, string proposed, bool restricts)
    {
        var current = Entries(change == "drop a deny"
            ? "dn:/DC=org/DC=hydra-dev/O=Hospital/CN=Alice=1;any=1!"
            : "dn:/DC=org/DC=hydra-dev/O=Hospital/CN=Alice=1");

        Assert.Equal(restricts, AccessEvaluator.OnlyRestricts(current, Entries(proposed)));
    }

    private static List<AclEntry> Entries(string text) =>
        [.. text.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            var deny = part.EndsWith('!');
            var body = part.TrimEnd('!');
            var equals = body.LastIndexOf('=');
            return new AclEntry(Principal.Parse(body[..equals]), (KeyPermissions)uint.Parse(body[(equals + 1)..]), deny);
        })];

    [Fact]
    public void Evaluate_AnyEntry_DoesNotCoverAHostCredential_ButADnEntryNamingItDoes()
    {
        var host = Caller(DistinguishedName.Parse("/DC=org/DC=hydra-dev/O=Hydra/CN=node1.hydra-dev.org")) with { IsHost = true };

        var viaAny = AccessEvaluator.Evaluate(host, Acl(("any", KeyPermissions.GetShare | KeyPermissions.ReadAcl, false)), false);
        var viaDn = AccessEvaluator.Evaluate(host, Acl(("dn:" + host.SubjectText, KeyPermissions.GetShare, false)), false);

        Assert.Equal(KeyPermissions.None, viaAny);
        Assert.Equal(KeyPermissions.GetShare, viaDn);
        Assert.False(Principal.Any.Matches(host));
        Assert.True(Principal.Any.Matches(host with { IsHost = false }));
    }
}

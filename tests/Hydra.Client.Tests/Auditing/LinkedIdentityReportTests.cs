using Hydra.Client.Auditing;
using Hydra.Client.Auditing.Reports;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Keystore.Contract.Channels;
using Hydra.Testing.Pki;

namespace Hydra.Client.Tests.Auditing;

/// <summary>
/// One person with a certificate and a token: an investigation keeps their principals apart until an identity links
/// file links them, and never groups look-alikes (the same CN, the same sub text) that it does not link.
/// </summary>
public sealed class LinkedIdentityReportTests : IClassFixture<DevPkiFixture>
{
    private const string AliceDn = "/DC=org/DC=hydra-dev/O=Hospital/CN=Alice Reader";
    private const string AliceToken = "oidc:https://iam.example/#alice";
    private const string OtherAliceDn = "/DC=org/DC=other/O=Clinic/CN=Alice Reader";
    private const string OtherAliceToken = "oidc:https://other.example/#alice";
    private const string Person = "Alice Reader (radiology)";

    private static readonly IdentityLinks Links = IdentityLinks.Parse(
        $"{{\"people\":[{{\"name\":\"{Person}\",\"principals\":[\"dn:{AliceDn}\",\"{AliceToken}\"]}}]}}");

    private readonly ProxyChainValidator _validator;
    private readonly SyntheticTrail _node1 = new("node1");
    private readonly SyntheticTrail _node2 = new("node2");

    public LinkedIdentityReportTests(DevPkiFixture fixture)
    {
        _validator = new ProxyChainValidator(GridTrustStore.Load(fixture.Pki.TrustDirectory));

        // Alice fetches one share of k1 with her certificate and the other with her token: together, M = 2 shares.
        _node1.Release(TimeSpan.FromMinutes(1), AliceDn, "s1:k1");
        _node2.TokenRelease(TimeSpan.FromMinutes(2), AliceToken, "s1:k1", "jti-0001", "/hospital/radiology");
        // Look-alikes nobody linked: the same CN under another CA, the same sub at another issuer, one share each of k2.
        _node1.Release(TimeSpan.FromMinutes(3), OtherAliceDn, "s1:k2");
        _node2.TokenRelease(TimeSpan.FromMinutes(3), OtherAliceToken, "s1:k2", "jti-0002", "/other");
    }

    private AuditReport Build(IdentityLinks? links, AuditSelection? selection = null)
    {
        var evidence = new[] { _node1, _node2 }.Select(t =>
            new NodeAuditEvidence(new ClusterNode(t.NodeId, "127.0.0.1:1", t.NodeId), null, null, t.Entries, null, [], [])).ToList();
        return AuditReportBuilder.Build(evidence, _validator, 2,
            new AuditInvestigationOptions { Identities = links, Selection = selection ?? new AuditSelection() }, SyntheticTrail.Start, "/CN=officer");
    }

    [Fact]
    public void Investigation_WithoutLinks_KeepsEveryPrincipalApart_AndSeesNoReconstruction()
    {
        var report = Build(links: null);

        Assert.Equal([AliceDn, OtherAliceDn, AliceToken, OtherAliceToken], report.Subjects.Select(s => s.Subject).Order(StringComparer.Ordinal));
        Assert.All(report.Subjects, s => Assert.False(s.Linked));
        Assert.All(report.Subjects, s => Assert.Equal([s.Subject], s.Principals.Select(p => p.Principal)));
        Assert.DoesNotContain(report.Flags, f => f.Kind == AuditFlagKind.Reconstruction);
        Assert.All(report.Records, r => Assert.Empty(r.Person));
    }

    [Fact]
    public void Investigation_WithLinks_GroupsTheLinkedPrincipalsUnderThePerson_AndFlagsWhatTogetherTheyCouldRebuild()
    {
        var report = Build(Links);

        var alice = Assert.Single(report.Subjects, s => s.Linked);
        Assert.Equal((Person, 2, 2, 1), (alice.Subject, alice.Records, alice.Releases, alice.KeysRebuilt));
        Assert.Equal([(AliceDn, 1), (AliceToken, 1)], alice.Principals.Select(p => (p.Principal, p.Releases)));
        var reconstruction = Assert.Single(report.Flags, f => f.Kind == AuditFlagKind.Reconstruction);
        Assert.Equal((Person, "s1:k1"), (reconstruction.Subject, reconstruction.KeyId));
        Assert.Equal([AliceDn, AliceToken], reconstruction.Principals);
        Assert.Equal([Person], report.Studies.Single().Subjects);
        Assert.Equal([Person, Person], report.Records.Where(r => r.KeyId == "s1:k1").Select(r => r.Person));
    }

    [Fact]
    public void Investigation_WithLinks_NeverGroupsLookAlikes()
    {
        var report = Build(Links);

        Assert.Equal([OtherAliceDn, OtherAliceToken], report.Subjects.Where(s => !s.Linked).Select(s => s.Subject).Order(StringComparer.Ordinal));
        Assert.All(report.Records.Where(r => r.KeyId == "s1:k2"), r => Assert.Empty(r.Person));
        Assert.DoesNotContain(report.Flags, f => f.KeyId == "s1:k2");
    }

    [Fact]
    public void Records_OfATokenHolder_ShowIssuerSubjectGroupsAndTokenId()
    {
        var report = Build(Links);

        var token = report.Records.Single(r => r.Issuer == "jti:jti-0001");
        var certificate = report.Records.Single(r => r.Subject == AliceDn);
        Assert.Equal(("https://iam.example/", "alice", "jti-0001", Person), (token.TokenIssuer, token.TokenSubject, token.TokenId, token.Person));
        Assert.Equal(["/hospital/radiology"], token.Fqans);
        Assert.Equal((string.Empty, string.Empty, string.Empty), (certificate.TokenIssuer, certificate.TokenSubject, certificate.TokenId));
    }

    [Fact]
    public void Html_ShowsThePersonWithEachPrincipalBeneath_AndTheTokenIdsAndGroups()
    {
        using var writer = new StringWriter();

        AuditReportHtml.Write(Build(Links), writer);
        var html = writer.ToString();

        Assert.Contains($"<b class=\"person\">{Person}</b><ul class=\"principals\"><li>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"path\">oidc:https://iam.example/</span><wbr><b>#alice</b>", html, StringComparison.Ordinal);
        Assert.Contains("token jti-0001; groups: /hospital/radiology", html, StringComparison.Ordinal);
        Assert.Contains("token jti-0002; groups: /other", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Selection_ByPersonName_ListsTheRecordsOfAllTheirPrincipals()
    {
        var byPerson = Build(Links, new AuditSelection { Subject = Person });
        var byPrincipal = Build(Links, new AuditSelection { Subject = AliceToken });
        var unlinked = Build(null, new AuditSelection { Subject = Person });

        Assert.Equal([AliceDn, AliceToken], byPerson.Records.Select(r => r.Subject));
        Assert.Equal([AliceToken], byPrincipal.Records.Select(r => r.Subject));
        Assert.Empty(unlinked.Records);
    }
}

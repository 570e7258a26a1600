using System.Security.Cryptography;
using Hydra.Access;
using Hydra.CertsDev;
using Hydra.Client.Auditing;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Hosting;
using Hydra.Keystore.Contract;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;
using Hydra.Testing.Pki;

namespace Hydra.Client.Tests.Auditing;

/// <summary>
/// A real cluster trusting a real OpenID provider: the reader fetches one key with her certificate and another with
/// her token; the officer's investigation shows the token's issuer, subject, groups and id, and groups the two
/// identities under one person only when the links file says so.
/// </summary>
public sealed class TokenCallerInvestigationTests : IAsyncLifetime
{
    private const string Audience = "https://keystore.hydra.test";
    private const string Person = "Alice Reader";

    private readonly DevPkiFixture _pki = new();
    private OidcProvider _provider = null!;
    private TestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _provider = await OidcProvider.StartAsync().DefaultTimeout();
        _cluster = await TestCluster.StartAsync(_pki.Pki, configure: options =>
        {
            options.Audit.CheckpointIntervalSeconds = 3600;
            options.Tokens = new TokenSettings
            {
                AllowWithoutClientCertificate = true,
                Issuers = [new TokenIssuerSettings { Issuer = _provider.IssuerText, Audiences = [Audience], Vos = ["hospital"], AllowHttpOnLoopback = true }],
            };
        });
    }

    private string ReaderDn => _pki.Pki.User(DevUser.Reader).SubjectDn;

    private string TokenPrincipal => $"oidc:{_provider.IssuerText}#{OidcProviderOptions.Radiologist.Id}";

    private Task<AuditReport> InvestigateAsync(IdentityLinks? links) =>
        new AuditInvestigation(_cluster.ConnectAs(DevUser.Officer), GridTrustStore.Load(_pki.Pki.TrustDirectory))
            .RunAsync(new AuditInvestigationOptions { Identities = links }, CancellationToken.None).DefaultTimeout();

    /// <summary>Two keys either identity may fetch; the certificate fetches the first, the token the second. Returns the token's jti.</summary>
    private async Task<(KeyId ByCertificate, KeyId ByToken, string TokenId)> FetchBothWaysAsync()
    {
        var acl = new[] { AclEntry.For("dn:" + ReaderDn, KeyPermissions.GetShare), AclEntry.For(TokenPrincipal, KeyPermissions.GetShare) };
        var keys = Enumerable.Range(0, 2).Select(_ => new KeyRegistration(KeyId.New(), RandomNumberGenerator.GetBytes(32), acl)).ToList();
        await _cluster.ConnectAs(DevUser.Clinician).RegisterKeysAsync(keys, CancellationToken.None).DefaultTimeout();
        var token = await _provider.DeviceFlowAsync(OidcProviderOptions.Radiologist.Id, Audience, "openid storage.read:/").DefaultTimeout();
        using (await _cluster.ConnectAs(DevUser.Reader).GetKeyAsync(keys[0].KeyId, CancellationToken.None).DefaultTimeout())
        using (await _cluster.ConnectWithToken(token.AccessToken).GetKeyAsync(keys[1].KeyId, CancellationToken.None).DefaultTimeout())
        {
        }

        return (keys[0].KeyId, keys[1].KeyId, token.Jwt.Payload.GetProperty("jti").GetString()!);
    }

    [Fact]
    public async Task Investigation_WithoutLinks_ShowsTwoSubjects_AndTheTokenHoldersIssuerSubjectGroupsAndTokenId()
    {
        var (byCertificate, byToken, tokenId) = await FetchBothWaysAsync();

        var report = await InvestigateAsync(links: null);

        Assert.Equal(AuditVerdict.Verified, report.Verdict);
        Assert.Contains(report.Subjects, s => s.Subject == ReaderDn && !s.Linked);
        Assert.Contains(report.Subjects, s => s.Subject == TokenPrincipal && !s.Linked);
        var tokenReleases = report.Records.Where(r => r.KeyId == byToken.Value && r.Operation == "GetShare").ToList();
        Assert.True(tokenReleases.Count >= 2, $"{tokenReleases.Count} token releases");
        Assert.All(tokenReleases, r =>
        {
            Assert.Equal((TokenPrincipal, _provider.IssuerText, "alice", tokenId), (r.Subject, r.TokenIssuer, r.TokenSubject, r.TokenId));
            Assert.Equal("jti:" + tokenId, r.Issuer);
            Assert.Contains("/hospital/radiology", r.Fqans);
        });
        Assert.Equal([ReaderDn, TokenPrincipal], report.Flags.Where(f => f.Kind == AuditFlagKind.Reconstruction)
            .OrderBy(f => f.KeyId == byCertificate.Value ? 0 : 1).Select(f => f.Subject));
    }

    [Fact]
    public async Task Investigation_WithLinks_ShowsOnePersonWithBothPrincipals()
    {
        var (byCertificate, byToken, _) = await FetchBothWaysAsync();
        var links = IdentityLinks.Parse($"{{\"people\":[{{\"name\":\"{Person}\",\"principals\":[\"dn:{ReaderDn}\",\"{TokenPrincipal}\"]}}]}}");

        var report = await InvestigateAsync(links);

        var person = Assert.Single(report.Subjects, s => s.Linked);
        Assert.Equal(Person, person.Subject);
        Assert.Equal([ReaderDn, TokenPrincipal], person.Principals.Select(p => p.Principal));
        Assert.Equal(2, person.KeysRebuilt);
        Assert.DoesNotContain(report.Subjects, s => s.Subject == ReaderDn || s.Subject == TokenPrincipal);
        Assert.All(report.Flags.Where(f => f.Kind == AuditFlagKind.Reconstruction), f => Assert.Equal(Person, f.Subject));
        Assert.Equal([[ReaderDn], [TokenPrincipal]], report.Flags.Where(f => f.Kind == AuditFlagKind.Reconstruction)
            .OrderBy(f => f.KeyId == byCertificate.Value ? 0 : 1).Select(f => f.Principals));
        Assert.All(report.Records.Where(r => r.KeyId == byToken.Value && r.Operation == "GetShare"), r => Assert.Equal(Person, r.Person));
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await _provider.DisposeAsync();
        _pki.Dispose();
    }
}

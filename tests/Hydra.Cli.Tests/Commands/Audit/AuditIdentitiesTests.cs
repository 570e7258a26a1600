using System.Text.Json;
using Hydra.CertsDev;
using Hydra.Testing;

namespace Hydra.Cli.Tests.Commands.Audit;

/// <summary><c>hydra audit --identities FILE</c>: a person's linked principals grouped under their name; bad files refused.</summary>
public sealed class AuditIdentitiesTests : IClassFixture<AuditCliFixture>, IDisposable
{
    private readonly AuditCliFixture _fixture;
    private readonly TempDirectory _folder = new("hydra-identities");

    public AuditIdentitiesTests(AuditCliFixture fixture) => _fixture = fixture;

    private string LinksFile(string json)
    {
        var path = _folder.Combine(Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task Audit_WithIdentities_GroupsTheLinkedPrincipalsUnderThePerson_AndNothingElse()
    {
        var keys = await _fixture.RegisterStudyAsync(1, DevUser.Reader);
        await _fixture.FetchAsync(DevUser.Reader, keys[0]);
        var links = LinksFile($$"""
            {"people": [{"name": "Alice Reader", "principals": ["dn:{{_fixture.Dn(DevUser.Reader)}}", "oidc:https://iam.example/#alice"]}]}
            """);

        var plain = await _fixture.HydraAsync(DevUser.Officer, "--json", "audit", "--key-id", keys[0]);
        var linked = await _fixture.HydraAsync(DevUser.Officer, "--json", "audit", "--key-id", keys[0], "--identities", links);
        var table = await _fixture.HydraAsync(DevUser.Officer, "audit", "--key-id", keys[0], "--identities", links);

        Assert.Equal((0, 0, 0), (plain.ExitCode, linked.ExitCode, table.ExitCode));
        var before = JsonDocument.Parse(plain.StandardOutput).RootElement.GetProperty("subjects").EnumerateArray().ToList();
        var after = JsonDocument.Parse(linked.StandardOutput).RootElement;
        Assert.Contains(before, s => s.GetProperty("subject").GetString() == _fixture.Dn(DevUser.Reader) && !s.GetProperty("linked").GetBoolean());
        var person = Assert.Single(after.GetProperty("subjects").EnumerateArray(), s => s.GetProperty("linked").GetBoolean());
        Assert.Equal("Alice Reader", person.GetProperty("subject").GetString());
        Assert.Equal([_fixture.Dn(DevUser.Reader)], person.GetProperty("principals").EnumerateArray().Select(p => p.GetProperty("principal").GetString()));
        // The clinician who registered the key is nobody's: still a subject of its own.
        Assert.Contains(after.GetProperty("subjects").EnumerateArray(), s => s.GetProperty("subject").GetString() == _fixture.Dn(DevUser.Clinician));
        Assert.Contains(after.GetProperty("flags").EnumerateArray(), f => f.GetProperty("kind").GetString() == "Reconstruction"
            && f.GetProperty("subject").GetString() == "Alice Reader");
        Assert.Contains(table.OutputLines, l => l.Contains("Alice Reader", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"people\": [{\"name\": \"Alice\", \"principals\": [\"fqan:/hospital\"]}]}", "people[0] \"Alice\" principals[0] is fqan:/hospital")]
    [InlineData("{\"people\": [\n{\"name\": \"A\", \"principals\": [\"dn:/CN=A\"]},\n{\"name\": \"B\", \"principals\": [\"dn:/CN=A\"]}]}",
        "people[1] \"B\" lists dn:/CN=A, which people[0] \"A\" lists too")]
    [InlineData("{\"people\": [\n\n  {\"name\": \"A\"", "line 3")]
    public async Task Audit_BadIdentitiesFile_IsAUsageErrorNamingTheEntry(string json, string expected)
    {
        var path = LinksFile(json);

        var run = await _fixture.HydraAsync(DevUser.Officer, "audit", "--identities", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Empty(run.StandardOutput);
        Assert.Contains("--identities: " + path, run.StandardError, StringComparison.Ordinal);
        Assert.Contains(expected, run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_MissingIdentitiesFile_IsAUsageError()
    {
        var run = await _fixture.HydraAsync(DevUser.Officer, "audit", "--identities", _folder.Combine("absent.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--identities: cannot read", run.StandardError, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}

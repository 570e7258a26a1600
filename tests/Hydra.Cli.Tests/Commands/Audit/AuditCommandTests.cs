using System.Text.Json;
using Hydra.CertsDev;

namespace Hydra.Cli.Tests.Commands.Audit;

/// <summary><c>hydra audit</c> against a real cluster nobody tampered with: formats, access, usage.</summary>
public sealed class AuditCommandTests : IClassFixture<AuditCliFixture>
{
    private readonly AuditCliFixture _fixture;

    public AuditCommandTests(AuditCliFixture fixture) => _fixture = fixture;

    private async Task<string> ReaderFetchedKeyAsync()
    {
        var keys = await _fixture.RegisterStudyAsync(2, DevUser.Reader);
        await _fixture.FetchAsync(DevUser.Reader, keys[0]);
        await Assert.ThrowsAnyAsync<Exception>(() => _fixture.FetchAsync(DevUser.Researcher, keys[1]));
        await _fixture.SealAllAsync();
        return keys[0];
    }

    [Fact]
    public async Task Audit_OfficerJson_VerifiesEveryNodeAndFlagsTheReconstruction()
    {
        var key = await ReaderFetchedKeyAsync();

        var run = await _fixture.HydraAsync(DevUser.Officer, "--json", "audit");

        Assert.Equal(0, run.ExitCode);
        var report = JsonDocument.Parse(run.StandardOutput).RootElement;
        Assert.Equal("Verified", report.GetProperty("verdict").GetString());
        Assert.All(report.GetProperty("nodes").EnumerateArray(), n => Assert.Equal("Verified", n.GetProperty("state").GetString()));
        Assert.Contains(report.GetProperty("flags").EnumerateArray(), f => f.GetProperty("kind").GetString() == "Reconstruction"
            && f.GetProperty("keyId").GetString() == key && f.GetProperty("subject").GetString() == _fixture.Dn(DevUser.Reader));
        Assert.Contains(report.GetProperty("records").EnumerateArray(), r => r.GetProperty("keyId").GetString() == key
            && r.GetProperty("flags").EnumerateArray().Any(f => f.GetString()!.StartsWith('R')));
        Assert.Empty(run.StandardError);
    }

    [Fact]
    public async Task Audit_Reader_IsRefusedWithExit4_AndTheAttemptIsAudited()
    {
        var reader = await _fixture.HydraAsync(DevUser.Reader, "audit");
        var officer = await _fixture.HydraAsync(DevUser.Officer, "--json", "audit", "--subject", _fixture.Dn(DevUser.Reader), "--outcome", "denied");

        Assert.Equal(4, reader.ExitCode);
        Assert.Empty(reader.StandardOutput);
        Assert.Contains("does not hold the auditor role", reader.StandardError, StringComparison.Ordinal);
        Assert.Equal(0, officer.ExitCode);
        var records = JsonDocument.Parse(officer.StandardOutput).RootElement.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(["node1", "node2", "node3"], records.Where(r => r.GetProperty("operation").GetString() == "QueryAudit")
            .Select(r => r.GetProperty("node").GetString()).Distinct().Order());
    }

    [Fact]
    public async Task Audit_Csv_ListsTheSelectedRecordsWithTheirFlags()
    {
        var key = await ReaderFetchedKeyAsync();

        var run = await _fixture.HydraAsync(DevUser.Officer, "audit", "--format", "csv", "--key-id", key);

        Assert.Equal(0, run.ExitCode);
        var lines = run.StandardOutput.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time,node,sequence,subject,issuer,fqans,operation,key_id,study,outcome,reason,peer,delegate,proxy_depth,hash,flags,person", lines[0]);
        Assert.Equal(3, lines.Count(l => l.Contains(",RegisterShare,", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.Contains(",GetShare,", StringComparison.Ordinal) && l.Contains(_fixture.Dn(DevUser.Reader), StringComparison.Ordinal)
            && System.Text.RegularExpressions.Regex.IsMatch(l, ",R[0-9]+( D[0-9]+)?,$"));
        Assert.Contains("node1: Verified", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_Table_ShowsVerdictsFlagsAndRecords()
    {
        var key = await ReaderFetchedKeyAsync();

        var run = await _fixture.HydraAsync(DevUser.Officer, "audit", "--key-id", key);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, run.OutputLines.Count(l => l.Contains("verified", StringComparison.Ordinal) && l.Contains("node", StringComparison.Ordinal)));
        Assert.Contains(run.OutputLines, l => l.Contains("Reconstruction", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, l => l.Contains("RegisterShare", StringComparison.Ordinal));
        Assert.Contains("Every trail verified", run.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--json", "audit", "--format", "html")]
    [InlineData("audit", "--from-checkpoint")]
    [InlineData("audit", "--node", "node9")]
    [InlineData("audit", "--window", "0")]
    [InlineData("audit", "--format", "xml")]
    public async Task Audit_NonsenseOptions_AreUsageErrors(params string[] args)
    {
        var run = await _fixture.HydraAsync(DevUser.Officer, args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("hydra: error:", run.StandardError, StringComparison.Ordinal);
    }
}

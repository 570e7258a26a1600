using System.Text.Json;
using Hydra.CertsDev;
using Hydra.Storage;
using Hydra.Testing;

namespace Hydra.Cli.Tests.Commands.Audit;

/// <summary>
/// <c>hydra audit</c> when something is wrong: a tampered trail (exit 3, report still printed) and a node that is down
/// (exit 6). The tampered node stays tampered, so the unreachable cases leave it out with --node.
/// </summary>
public sealed class AuditCommandFailureTests : IClassFixture<AuditCliFixture>
{
    private readonly AuditCliFixture _fixture;

    public AuditCommandFailureTests(AuditCliFixture fixture) => _fixture = fixture;

    [Fact]
    public async Task Audit_TamperedTrail_Exits3_AndStillPrintsTheReportNamingIt()
    {
        await _fixture.RegisterStudyAsync(4);
        await _fixture.Cluster.StopNodeAsync(1);
        try
        {
            using var database = new DurableLiteDatabase(_fixture.Cluster.DataFile(1));
            database.BeginTransaction();
            var audit = database.GetCollection("audit");
            var record = audit.FindById(2L);
            record["sub"] = "/DC=org/CN=somebody else";
            audit.Update(record);
            database.CommitDurably();
        }
        finally
        {
            await _fixture.Cluster.StartNodeAsync(1).DefaultTimeout();
        }

        var json = await _fixture.HydraAsync(DevUser.Officer, "--json", "audit", "--node", "node1", "--node", "node2");
        var table = await _fixture.HydraAsync(DevUser.Officer, "audit", "--node", "node2");

        Assert.Equal(3, json.ExitCode);
        var report = JsonDocument.Parse(json.StandardOutput).RootElement;
        Assert.Equal("IntegrityFailure", report.GetProperty("verdict").GetString());
        var problem = Assert.Single(report.GetProperty("problems").EnumerateArray());
        Assert.Equal(("node2", 2, "Edited"),
            (problem.GetProperty("nodeId").GetString(), problem.GetProperty("sequence").GetInt64(), problem.GetProperty("kind").GetString()));
        Assert.Equal(["Verified", "Failed"], report.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("state").GetString()));
        Assert.Equal(3, table.ExitCode);
        Assert.Contains(table.OutputLines, l => l.Contains("FAILED", StringComparison.Ordinal));
        Assert.Contains(table.OutputLines, l => l.Contains("Edited", StringComparison.Ordinal));
        Assert.Contains("Integrity failure", table.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_NodeDown_Exits6_WithTheOthersVerified_OrAnErrorWhenNoneIsLeft()
    {
        await _fixture.Cluster.StopNodeAsync(2);
        try
        {
            var some = await _fixture.HydraAsync(DevUser.Officer, "--json", "audit", "--node", "node1", "--node", "node3");
            var none = await _fixture.HydraAsync(DevUser.Officer, "audit", "--node", "node3");

            Assert.Equal(6, some.ExitCode);
            var report = JsonDocument.Parse(some.StandardOutput).RootElement;
            Assert.Equal("Incomplete", report.GetProperty("verdict").GetString());
            Assert.Equal(["Verified", "Unreadable"], report.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("state").GetString()));
            Assert.Equal(6, none.ExitCode);
            Assert.Empty(none.StandardOutput);
            Assert.Contains("node3: Unavailable", none.StandardError, StringComparison.Ordinal);
        }
        finally
        {
            await _fixture.Cluster.StartNodeAsync(2).DefaultTimeout();
        }
    }
}

using System.CommandLine;
using Hydra.Cli.Connection;
using Hydra.Client.Auditing;
using Hydra.Cluster;

namespace Hydra.Cli.Commands.Audit;

/// <summary>
/// <c>hydra audit</c>, the security officer's tool: reads every node's whole trail and the checkpoints the nodes hold,
/// verifies them end to end, merges them into one timeline, flags reconstructions, delegated access, refusals and
/// unusual volumes, and reports as a table, JSON, CSV or a self-contained HTML page. Exits 0 when every trail verifies,
/// 3 on any integrity failure (after printing the report), 4 when no node lets the caller read, 6 when nodes are
/// unreachable, 7 when among them is one whose certificate was refused (the report of the others is still printed).
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var options = new AuditOptions();
        var command = new Command("audit", "Verify every node's audit trail and report key access (security officers only).");
        foreach (var option in options.All)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (AuditOptions.OldKeyFilterSpelling(result.GetResult(cluster.Key)) is { } error)
            {
                result.AddError(error);
            }
        });

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            var format = parseResult.GetValue(options.Format) ?? (output.Json ? AuditOptions.Json : AuditOptions.Table);
            if (output.Json && format != AuditOptions.Json)
            {
                throw new UsageException($"--json prints the report as JSON; it cannot be combined with --format {format}.");
            }

            var investigation = options.Investigation(parseResult);
            var configuration = cluster.LoadConfiguration(parseResult);
            var unknown = investigation.Nodes.Where(n => configuration.Nodes.All(node => node.Id != n)).ToList();
            if (unknown.Count > 0)
            {
                throw new UsageException($"--node names nodes that are not in the cluster file: {string.Join(", ", unknown)}.");
            }

            // An officer may audit with a grid credential or a bearer token (an auditor role granted to its group).
            var identity = cluster.LoadIdentity(parseResult);
            using var client = KeystoreCluster.Connect(configuration, identity.Tls, identity.Trust, identity.Token?.Token);
            var report = await new AuditInvestigation(client, identity.Trust).RunAsync(investigation, cancellationToken).ConfigureAwait(false);

            await AuditReportOutput.WriteAsync(context, output, report, format, parseResult.GetValue(options.Out), cancellationToken).ConfigureAwait(false);
            return report.Verdict switch
            {
                AuditVerdict.Verified => ExitCodes.Ok,
                AuditVerdict.IntegrityFailure => ExitCodes.IntegrityFailure,
                _ when report.Nodes.Any(n => n.Failure?.Kind == NodeFailureKind.Untrusted) => ExitCodes.Untrusted,
                _ => ExitCodes.Unavailable,
            };
        });
        return command;
    }
}

using System.CommandLine;
using System.Globalization;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;
using Hydra.Client.Auditing;
using Hydra.Client.Cluster;
using Spectre.Console;

namespace Hydra.Cli.Commands.Audit;

/// <summary>
/// <c>hydra audit [--node ID]... [--from T] [--to T] [--key ID] [--subject DN] [--outcome O] [--limit N]</c>: every
/// node's audit records (auditors only), merged into one timeline.
/// </summary>
internal static class AuditCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var nodes = new Option<string[]>("--node") { Description = "Only these nodes (default: all)." };
        var from = new Option<DateTimeOffset?>("--from") { Description = "Records at or after this time (ISO 8601)." };
        var to = new Option<DateTimeOffset?>("--to") { Description = "Records before this time (ISO 8601)." };
        var key = new Option<string?>("--key") { Description = "Only records about this key id." };
        var subject = new Option<string?>("--subject") { Description = "Only records of this subject DN (slash form), as actor or delegate." };
        var outcome = new Option<string?>("--outcome") { Description = "Only allowed, denied or failed records." };
        outcome.AcceptOnlyFromAmong(AuditEntry.Allowed, AuditEntry.Denied, AuditEntry.Failed);
        var limit = new Option<long>("--limit") { Description = "At most this many records per node (0: all)." };
        var command = new Command("audit", "Read every node's audit trail (security officers only) as one timeline.")
        {
            nodes, from, to, key, subject, outcome, limit,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            var query = new AuditQueryOptions
            {
                From = parseResult.GetValue(from),
                To = parseResult.GetValue(to),
                KeyId = parseResult.GetValue(key),
                Subject = parseResult.GetValue(subject),
                Outcome = parseResult.GetValue(outcome),
                Limit = parseResult.GetValue(limit),
            };
            using var client = cluster.Connect(parseResult);
            var selected = parseResult.GetValue(nodes) is { Length: > 0 } names ? names : [.. client.Nodes.Select(n => n.Id)];
            var records = new List<AuditEntry>();
            var failures = new List<NodeFailure>();
            foreach (var node in selected)
            {
                try
                {
                    await foreach (var entry in client.QueryAuditAsync(node, query, cancellationToken).ConfigureAwait(false))
                    {
                        records.Add(entry);
                    }
                }
                catch (Grpc.Core.RpcException ex) when (ex.StatusCode != Grpc.Core.StatusCode.Cancelled)
                {
                    failures.Add(new NodeFailure(node, ex.StatusCode.ToString(), ex.Status.Detail));
                }
            }

            if (failures.Count == selected.Length)
            {
                throw new ClusterException("No node returned its audit trail: " + string.Join("; ", failures), failures);
            }

            NodeReport.Warn(output, failures);
            var timeline = records.OrderBy(r => r.Time).ThenBy(r => r.NodeId, StringComparer.Ordinal).ThenBy(r => r.Sequence).ToList();
            Write(output, timeline);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Write(CommandOutput output, List<AuditEntry> timeline)
    {
        if (output.Json)
        {
            output.Document(new AuditResult([.. timeline.Select(e => new AuditRecordDocument(
                e.NodeId, e.Sequence, e.Time, e.Subject, e.Fqans, e.Operation, e.KeyId, e.Outcome, e.Reason, e.Peer, e.Delegate, e.ProxyDepth))], []),
                CliJsonContext.Default.AuditResult);
            return;
        }

        var table = new Table().AddColumns("time (UTC)", "node", "#", "subject", "operation", "key", "outcome", "reason");
        foreach (var e in timeline)
        {
            table.AddRow(
                e.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
                Markup.Escape(e.NodeId),
                e.Sequence.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(e.Subject),
                Markup.Escape(e.Operation),
                Markup.Escape(e.KeyId),
                e.Outcome == AuditEntry.Allowed ? "[green]allowed[/]" : $"[red]{Markup.Escape(e.Outcome)}[/]",
                Markup.Escape(e.Reason));
        }

        output.Table(table);
        output.Note($"{timeline.Count} records.");
    }
}

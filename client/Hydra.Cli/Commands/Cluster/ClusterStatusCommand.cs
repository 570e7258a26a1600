using System.CommandLine;
using System.Globalization;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;
using Hydra.Cluster;
using Spectre.Console;

namespace Hydra.Cli.Commands.Cluster;

/// <summary>
/// <c>hydra cluster status</c>: every node's reachability, round trip, key count, audit length and who it takes the
/// caller to be. Exits 6 when fewer than M nodes answer (keys cannot be rebuilt), 7 when a node whose certificate was
/// refused is among those missing. A refused node is also named in a warning: it may be another host at its endpoint.
/// </summary>
internal static class ClusterStatusCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var command = new Command("status", "Ask every node for its status and how it authenticates you.");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            using var client = cluster.Connect(parseResult, out var identity);
            var statuses = await client.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            var reachable = statuses.Count(s => s.Reachable);
            var readable = reachable >= client.Configuration.Threshold;
            var nodes = statuses.Select(s => new NodeStatusDocument(
                s.Node.Id, s.Node.Endpoint, s.Reachable, Math.Round(s.RoundTrip.TotalMilliseconds, 2), s.Version, s.KeyCount, s.AuditLength,
                s.AuditHead, s.Caller?.Subject, s.Caller?.Fqans, s.Caller?.Roles, s.Failure?.Message, s.Failure?.Kind.ToString())).ToList();
            if (output.Json)
            {
                output.Document(new ClusterStatusResult(client.Configuration.Threshold, client.Configuration.EffectiveWriteQuorum, reachable,
                    readable, nodes, TokenDocument.From(identity.Token)), CliJsonContext.Default.ClusterStatusResult);
            }
            else
            {
                output.Table(Render(nodes));
                var caller = statuses.FirstOrDefault(s => s.Caller is not null)?.Caller;
                if (caller is not null)
                {
                    output.Note(Describe(caller, identity));
                }

                output.Note(readable
                    ? $"[green]{reachable} of {statuses.Count} nodes reachable; keys can be rebuilt (M = {client.Configuration.Threshold}).[/]"
                    : $"[red]Only {reachable} of {statuses.Count} nodes reachable; M = {client.Configuration.Threshold} are needed to rebuild keys.[/]");
            }

            NodeReport.Warn(output, statuses.Select(s => s.Failure).OfType<NodeFailure>().Where(f => f.Kind == NodeFailureKind.Untrusted));

            // A node left out because its certificate was refused is a trust problem, not an outage.
            return readable ? ExitCodes.Ok
                : statuses.Any(s => s.Failure?.Kind == NodeFailureKind.Untrusted) ? ExitCodes.Untrusted
                : ExitCodes.Unavailable;
        });
        return command;
    }

    /// <summary>Who the nodes take the caller to be: a token holder with its groups, or a certificate subject with its FQANs.</summary>
    private static string Describe(Keystore.Contract.CallerInfo caller, ClientIdentity identity)
    {
        var roles = caller.Roles.Count > 0 ? $", roles {string.Join(", ", caller.Roles)}" : string.Empty;
        if (identity.Token is { } token)
        {
            var groups = caller.Fqans.Count > 0 ? $"groups {Markup.Escape(string.Join(", ", caller.Fqans))}" : "no groups";
            var expires = token.ExpiresAt is { } at ? $", valid until {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC" : string.Empty;
            var channel = identity.Grid is null ? "no client certificate" : "your certificate secures the connection";
            return $"You are [bold]{Markup.Escape(caller.Subject)}[/], {groups}{roles} (bearer token from {Markup.Escape(token.Source)}{expires}; {channel}).";
        }

        return $"You are [bold]{Markup.Escape(caller.Subject)}[/]"
            + (caller.ProxyDepth > 0 ? $" (proxy depth {caller.ProxyDepth}{(caller.Limited ? ", limited" : string.Empty)})" : string.Empty)
            + (caller.Fqans.Count > 0 ? $", FQANs {Markup.Escape(string.Join(", ", caller.Fqans))}" : ", no VOMS attributes")
            + roles + ".";
    }

    private static Table Render(IEnumerable<NodeStatusDocument> nodes)
    {
        var table = new Table().AddColumns("node", "endpoint", "state", "rtt ms", "keys", "audit records", "audit head");
        foreach (var node in nodes)
        {
            table.AddRow(
                Markup.Escape(node.Id),
                Markup.Escape(node.Endpoint),
                node.Reachable ? "[green]up[/]" : $"[red]{State(node)}[/] {Markup.Escape(node.Error ?? string.Empty)}",
                node.RoundTripMilliseconds.ToString("F1", CultureInfo.InvariantCulture),
                node.Keys.ToString(CultureInfo.InvariantCulture),
                node.AuditLength.ToString(CultureInfo.InvariantCulture),
                node.AuditHead is null ? "-" : node.AuditHead[..12] + "...");
        }

        return table;
    }

    private static string State(NodeStatusDocument node) => node.Status == nameof(NodeFailureKind.Untrusted) ? "untrusted" : "down";
}

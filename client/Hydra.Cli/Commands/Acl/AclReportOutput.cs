using Hydra.Access;
using Hydra.Cli.Output;
using Hydra.Cluster;

namespace Hydra.Cli.Commands.Acl;

/// <summary>Prints an ACL report: the entries (one per line, as PRINCIPAL=PERMS) and any node disagreement.</summary>
internal static class AclReportOutput
{
    public static int Write(CommandOutput output, AclReport report)
    {
        var acl = report.Acl!;
        if (output.Json)
        {
            output.Document(new AclResult(
                report.KeyId.Value,
                acl.OwnerText,
                acl.Version,
                [.. acl.Entries.Select(e => new AclEntryDocument(e.Principal.Canonical, KeyPermissionsText.Format(e.Permissions), e.Deny))],
                report.Consistent,
                report.Divergent,
                NodeFailureDocument.From(report.Failed)), CliJsonContext.Default.AclResult);
        }
        else
        {
            output.Line($"owner {acl.OwnerText}");
            foreach (var entry in acl.Entries)
            {
                output.Line($"{(entry.Deny ? "deny" : "allow")} {entry.Principal}={KeyPermissionsText.Format(entry.Permissions)}");
            }

            NodeReport.Warn(output, report.Failed);
            foreach (var node in report.Divergent)
            {
                output.Warning($"node {node} holds a different ACL: {string.Join("; ", report.PerNode[node].Entries)}");
            }

            output.Note(report.Consistent
                ? $"[green]All {report.PerNode.Count} nodes agree (version {acl.Version}).[/]"
                : $"[yellow]Nodes disagree or did not answer; rerun 'hydra acl set' when they are back.[/]");
        }

        return ExitCodes.Ok;
    }
}

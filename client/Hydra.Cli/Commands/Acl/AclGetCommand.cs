using System.CommandLine;
using Hydra.Cli.Connection;

namespace Hydra.Cli.Commands.Acl;

/// <summary><c>hydra acl get KEY-ID</c></summary>
internal static class AclGetCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var keyId = KeyIdArgument.Create();
        var command = new Command("get", "Print a key's owner and ACL entries, and whether every node agrees.") { keyId };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var client = cluster.Connect(parseResult);
            var report = await client.GetAclAsync(KeyIdArgument.Value(parseResult, keyId), cancellationToken).ConfigureAwait(false);
            return AclReportOutput.Write(context.OutputFor(parseResult), report);
        });
        return command;
    }
}

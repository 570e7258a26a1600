using System.CommandLine;
using Hydra.Cli.Connection;

namespace Hydra.Cli.Commands.Acl;

/// <summary><c>hydra acl get|set|chmod</c> (gLite's glite-eds-getacl, -setacl, -chmod).</summary>
internal static class AclCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var command = new Command("acl", "Read or change a key's ACL on every node. Changes go to all nodes; nodes that differ afterwards are reported.");
        command.Subcommands.Add(AclGetCommand.Create(context, cluster));
        command.Subcommands.Add(AclSetCommand.Create(context, cluster));
        command.Subcommands.Add(AclChmodCommand.Create(context, cluster));
        return command;
    }
}

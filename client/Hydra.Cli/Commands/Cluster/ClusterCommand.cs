using System.CommandLine;
using Hydra.Cli.Connection;

namespace Hydra.Cli.Commands.Cluster;

/// <summary><c>hydra cluster status</c></summary>
internal static class ClusterCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var command = new Command("cluster", "Inspect the keystore cluster.");
        command.Subcommands.Add(ClusterStatusCommand.Create(context, cluster));
        return command;
    }
}

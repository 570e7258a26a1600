using System.CommandLine;
using Hydra.Cli.Connection;

namespace Hydra.Cli.Commands.Key;

/// <summary><c>hydra key</c>: register, fetch and remove keys on the cluster (gLite's glite-eds-key-*).</summary>
internal static class KeyCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var command = new Command("key", "Register a new random AES-256 key on the cluster, fetch a key, or remove one.");
        command.Subcommands.Add(KeyRegisterCommand.Create(context, cluster));
        command.Subcommands.Add(KeyGetCommand.Create(context, cluster));
        command.Subcommands.Add(KeyRemoveCommand.Create(context, cluster));
        return command;
    }
}

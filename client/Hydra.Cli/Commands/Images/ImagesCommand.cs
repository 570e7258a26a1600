using System.CommandLine;
using Hydra.Cli.Connection;

namespace Hydra.Cli.Commands.Images;

/// <summary><c>hydra images list|get|revoke</c>: the DICOM bridge's images, read with the caller's own credential.</summary>
internal static class ImagesCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var command = new Command(
            "images",
            "List, fetch and decrypt de-identified images from the DICOM bridge (needs a \"bridge\" entry in the cluster file).");
        command.Subcommands.Add(ImagesListCommand.Create(context, cluster));
        command.Subcommands.Add(ImagesGetCommand.Create(context, cluster));
        command.Subcommands.Add(ImagesRevokeCommand.Create(context, cluster));
        return command;
    }
}

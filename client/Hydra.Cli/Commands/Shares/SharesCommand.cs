using System.CommandLine;

namespace Hydra.Cli.Commands.Shares;

/// <summary><c>hydra shares</c>: Shamir secret sharing of arbitrary secrets, offline.</summary>
internal static class SharesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("shares", "Split a secret into M-of-N shares, or combine shares back into the secret.");
        command.Subcommands.Add(SharesSplitCommand.Create(context));
        command.Subcommands.Add(SharesCombineCommand.Create(context));
        return command;
    }
}

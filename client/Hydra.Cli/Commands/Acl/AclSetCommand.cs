using System.CommandLine;
using Hydra.Cli.Connection;

namespace Hydra.Cli.Commands.Acl;

/// <summary><c>hydra acl set KEY-ID [--allow P=PERMS]... [--deny P=PERMS]...</c>: replaces every entry.</summary>
internal static class AclSetCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var keyId = KeyIdArgument.Create();
        var allow = new Option<string[]>("--allow") { Description = "Grant PRINCIPAL=PERMS (g get-share, d delete, r read-acl, w write-acl)." };
        var deny = new Option<string[]>("--deny") { Description = "Deny PRINCIPAL=PERMS; deny wins over any grant." };
        var command = new Command("set", "Replace all ACL entries of a key on every node (the owner keeps full rights).") { keyId, allow, deny };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var entries = AclArguments.ParseAll(parseResult.GetValue(allow), parseResult.GetValue(deny));
            using var client = cluster.Connect(parseResult);
            var report = await client.SetAclAsync(KeyIdArgument.Value(parseResult, keyId), entries, cancellationToken).ConfigureAwait(false);
            return AclReportOutput.Write(context.OutputFor(parseResult), report);
        });
        return command;
    }
}

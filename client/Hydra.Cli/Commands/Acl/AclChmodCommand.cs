using System.CommandLine;
using Hydra.Cli.Connection;

namespace Hydra.Cli.Commands.Acl;

/// <summary>
/// <c>hydra acl chmod KEY-ID PRINCIPAL PERMS [--deny] [--remove]</c>: changes one principal's entry, keeping the rest.
/// </summary>
internal static class AclChmodCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var keyId = KeyIdArgument.Create();
        var principal = new Argument<string>("principal") { Description = "dn:/DC=.../CN=Name, fqan:/vo/group[/*|/Role=r] or any." };
        var permissions = new Argument<string>("permissions") { Description = "Letters g, d, r, w (e.g. gr)." };
        var deny = new Option<bool>("--deny") { Description = "Make it a deny entry." };
        var remove = new Option<bool>("--remove") { Description = "Remove the principal's entry of that kind instead." };
        var command = new Command("chmod", "Set (or remove) one principal's allow or deny entry on a key, keeping the other entries.")
        {
            keyId, principal, permissions, deny, remove,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var id = KeyIdArgument.Value(parseResult, keyId);
            var entry = AclArguments.Parse($"{parseResult.GetValue(principal)}={parseResult.GetValue(permissions)}", parseResult.GetValue(deny));
            using var client = cluster.Connect(parseResult);
            var current = await client.GetAclAsync(id, cancellationToken).ConfigureAwait(false);
            var entries = current.Acl!.Entries.Where(e => !(e.Principal.Equals(entry.Principal) && e.Deny == entry.Deny)).ToList();
            if (!parseResult.GetValue(remove))
            {
                entries.Add(entry);
            }

            var report = await client.SetAclAsync(id, entries, cancellationToken).ConfigureAwait(false);
            return AclReportOutput.Write(context.OutputFor(parseResult), report);
        });
        return command;
    }
}

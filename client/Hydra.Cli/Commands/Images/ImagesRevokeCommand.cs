using System.CommandLine;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;
using Spectre.Console;

namespace Hydra.Cli.Commands.Images;

/// <summary>
/// <c>hydra images revoke --study UID --principal dn:...|fqan:...</c>: asks the bridge (curators only) to deny the
/// principal every key of the study on every node. Exits 6 when some nodes did not take the change (repeat it when
/// they are back; the deny stands on the others).
/// </summary>
internal static class ImagesRevokeCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var study = new Option<string>("--study") { Description = "The (pseudonymous) Study Instance UID.", Required = true };
        var principal = new Option<string>("--principal")
        {
            Description = "Whom to deny: dn:/DC=.../CN=Name or fqan:/vo/group[/Role=role].",
            Required = true,
        };
        principal.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is null || !(value.StartsWith("dn:/", StringComparison.Ordinal) || value.StartsWith("fqan:/", StringComparison.Ordinal)))
            {
                result.AddError($"--principal '{value}' must be dn:/... (a slash DN) or fqan:/... (a VOMS FQAN).");
            }
        });
        var command = new Command("revoke", "Deny a person or group every image of a study, on every node (bridge curators only).") { study, principal };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            using var connection = BridgeConnection.Open(cluster, parseResult);
            var result = await connection.Bridge.RevokeAsync(parseResult.GetValue(study)!, parseResult.GetValue(principal)!, cancellationToken)
                .ConfigureAwait(false);
            foreach (var key in result.Incomplete)
            {
                output.Warning($"key {key}: not every node took the change; repeat the revocation when they are back.");
            }

            if (output.Json)
            {
                output.Document(result, CliJsonContext.Default.RevokeResult);
            }
            else
            {
                output.Line($"revoked {result.Principal} study {result.StudyInstanceUid} keys {result.Keys}");
                output.Note(result.Incomplete.Count == 0
                    ? $"[green]{Markup.Escape(result.Principal)} may no longer read the {result.Keys} images of the study, on any node.[/]"
                    : $"[yellow]{Markup.Escape(result.Principal)} is denied on the nodes that answered; {result.Incomplete.Count} keys are incomplete.[/]");
            }

            return result.Incomplete.Count == 0 ? ExitCodes.Ok : ExitCodes.Unavailable;
        });
        return command;
    }
}

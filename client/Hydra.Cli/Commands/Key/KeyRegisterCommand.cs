using System.CommandLine;
using System.Security.Cryptography;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;
using Hydra.Keystore.Contract;

namespace Hydra.Cli.Commands.Key;

/// <summary><c>hydra key register [--id ID] [--allow P=PERMS]... [--deny P=PERMS]...</c></summary>
internal static class KeyRegisterCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var id = new Option<string?>("--id") { Description = "Key id to use (default: a new random UUID)." };
        var allow = new Option<string[]>("--allow") { Description = "Grant PRINCIPAL=PERMS, e.g. fqan:/hospital/radiology=g.", AllowMultipleArgumentsPerToken = false };
        var deny = new Option<string[]>("--deny") { Description = "Deny PRINCIPAL=PERMS (deny wins)." };
        var command = new Command("register", "Generate a random AES-256 key, split it M-of-N and store one share on each node.")
        {
            id, allow, deny,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            var keyId = parseResult.GetValue(id) is { } text
                ? KeyId.TryParse(text, out var parsed) ? parsed : throw new UsageException($"'{text}' is not a valid key id.")
                : KeyId.New();
            var acl = AclArguments.ParseAll(parseResult.GetValue(allow), parseResult.GetValue(deny));
            using var client = cluster.Connect(parseResult);
            var key = RandomNumberGenerator.GetBytes(32);
            try
            {
                var report = await client.RegisterKeyAsync(keyId, key, acl, cancellationToken).ConfigureAwait(false);
                if (output.Json)
                {
                    output.Document(new KeyResult(keyId.Value, StoredOn: report.StoredOn, Failed: NodeFailureDocument.From(report.Failed)),
                        CliJsonContext.Default.KeyResult);
                }
                else
                {
                    output.Line(keyId.Value);
                    NodeReport.Warn(output, report.Failed);
                    output.Note($"[green]Key registered on {report.StoredOn.Count} of {client.Nodes.Count} nodes.[/]");
                }
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}

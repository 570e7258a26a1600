using System.CommandLine;
using System.Security.Cryptography;
using Hydra.Cli.Connection;
using Hydra.Keystore.Contract;

namespace Hydra.Cli.Commands.Put;

/// <summary><c>hydra put FILE [--id ID] [--store DIR] [--allow P=PERMS]... [--deny P=PERMS]...</c></summary>
internal static class PutCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var file = new Argument<FileInfo>("file") { Description = "The file to store encrypted." }.AcceptExistingOnly();
        var id = new Option<string?>("--id") { Description = "Key id (default: a new random UUID)." };
        var store = StoreOption.Create();
        var allow = new Option<string[]>("--allow") { Description = "Grant PRINCIPAL=PERMS, e.g. fqan:/hospital/radiology=g." };
        var deny = new Option<string[]>("--deny") { Description = "Deny PRINCIPAL=PERMS (deny wins)." };
        var command = new Command("put", "Register a new key on the cluster and store the file encrypted with it in the storage folder.")
        {
            file, id, store, allow, deny,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            var keyId = parseResult.GetValue(id) is { } text
                ? KeyId.TryParse(text, out var parsed) ? parsed : throw new UsageException($"'{text}' is not a valid key id.")
                : KeyId.New();
            var acl = AclArguments.ParseAll(parseResult.GetValue(allow), parseResult.GetValue(deny));
            var target = StoreOption.PathOf(StoreOption.Folder(parseResult, store), keyId);
            if (File.Exists(target))
            {
                throw new UsageException($"'{target}' already exists; choose another --id or remove it with 'hydra rm'.");
            }

            using var client = cluster.Connect(parseResult);
            var key = RandomNumberGenerator.GetBytes(32);
            try
            {
                // Key first: a container whose key never reached the cluster would be unreadable forever.
                var report = await client.RegisterKeyAsync(keyId, key, acl, cancellationToken).ConfigureAwait(false);
                Output.NodeReport.Warn(output, report.Failed);
                var header = await FileCrypto.EncryptAsync(
                    output, parseResult.GetValue(file)!.FullName, target, keyId, key, client.Configuration, cancellationToken).ConfigureAwait(false);
                FileResults.Report(output, new FileResult(keyId.Value, target, header.PlaintextLength));
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

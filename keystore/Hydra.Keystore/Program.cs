using Hydra.Keystore;
using Hydra.Keystore.Commands;
using Hydra.Keystore.Sealing;

if (args is ["seal", "migrate", .. var sealArgs])
{
    // Ctrl-C ends the seal command between envelopes; the batch under way is rolled back, the rest resumes next run.
    using var interrupted = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) =>
    {
        e.Cancel = true;
        interrupted.Cancel();
    };
    return SealCommand.Run(sealArgs, Console.Out, Console.Error, interrupted.Token);
}

if (args is ["seal", ..])
{
    // Anything else after "seal" is a typo: a node must not start in its place.
    await Console.Error.WriteLineAsync(
        "usage: Hydra.Keystore seal migrate --Keystore:DataFile=FILE [--Keystore:Seal:...] [--BatchSize=500] (node stopped)");
    return 2;
}

if (args is ["database", "migrate", .. var databaseArgs])
{
    return DatabaseCommand.Run(databaseArgs, Console.Out, Console.Error);
}

if (args is ["database", ..])
{
    await Console.Error.WriteLineAsync("usage: Hydra.Keystore database migrate [--Keystore:Database:...] (PostgreSQL back end)");
    return 2;
}

try
{
    await using var node = await KeystoreNode.StartAsync(args, configure: null, CancellationToken.None);
    await node.WaitForShutdownAsync(CancellationToken.None);
    return 0;
}
catch (SealException ex)
{
    // The storage seal refused start (wrong PIN, missing token or key, another seal, an unsealed file): say why plainly.
    await Console.Error.WriteLineAsync($"The keystore node did not start: {ex.Message}");
    return 3;
}
catch (KeystoreDatabaseException ex)
{
    // The database is unreachable, another node's or of a newer schema: say which and why, without a stack trace.
    await Console.Error.WriteLineAsync($"The keystore node did not start: {ex.Message}");
    return 3;
}

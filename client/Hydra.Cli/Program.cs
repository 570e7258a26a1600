using Hydra.Cli;
using Hydra.Cli.Output;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Let the command unwind through its CancellationToken; a second Ctrl-C ends the process.
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
return await HydraCli.RunAsync(args, CliConsole.System(), cancellation.Token).ConfigureAwait(false);

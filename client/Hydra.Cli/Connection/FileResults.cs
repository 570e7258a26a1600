using Hydra.Cli.Output;

namespace Hydra.Cli.Connection;

/// <summary>Reports a written file: the key id on stdout (or the JSON document), a note on stderr.</summary>
internal static class FileResults
{
    public static void Report(CommandOutput output, FileResult result)
    {
        if (output.Json)
        {
            output.Document(result, CliJsonContext.Default.FileResult);
            return;
        }

        output.Line(result.KeyId);
        output.Note($"[green]Wrote {Spectre.Console.Markup.Escape(result.File)}.[/]");
    }
}

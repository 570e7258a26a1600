namespace Hydra.Cli.Output;

/// <summary>The JSON document a failed command prints with --json.</summary>
internal sealed record ErrorDocument(int ExitCode, string Error, string Message, IReadOnlyList<string> Sources);

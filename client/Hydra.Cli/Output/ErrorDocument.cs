namespace Hydra.Cli.Output;

/// <summary>
/// The JSON document a failed command prints with --json; <see cref="Failed"/> lists each node's failure when the
/// cluster as a whole could not do it.
/// </summary>
internal sealed record ErrorDocument(
    int ExitCode, string Error, string Message, IReadOnlyList<string> Sources, IReadOnlyList<NodeFailureDocument>? Failed = null);

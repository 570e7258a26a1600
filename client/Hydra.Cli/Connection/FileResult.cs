namespace Hydra.Cli.Connection;

/// <summary>The JSON result of commands that write a file.</summary>
internal sealed record FileResult(string KeyId, string File, long? Bytes);

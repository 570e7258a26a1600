using Hydra.Cli.Output;

namespace Hydra.Cli.Connection;

/// <summary>
/// The JSON result of commands that write a file; <see cref="Failed"/> names the nodes that did not contribute to the
/// key (left out when the key was not fetched).
/// </summary>
internal sealed record FileResult(string KeyId, string File, long? Bytes, IReadOnlyList<NodeFailureDocument>? Failed = null);

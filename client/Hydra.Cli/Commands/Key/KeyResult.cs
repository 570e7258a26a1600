using Hydra.Cli.Output;

namespace Hydra.Cli.Commands.Key;

/// <summary>The JSON result of the key commands; fields a command does not produce are left out.</summary>
internal sealed record KeyResult(
    string KeyId,
    IReadOnlyList<string>? StoredOn = null,
    string? Key = null,
    IReadOnlyList<string>? UsedNodes = null,
    IReadOnlyList<string>? BadNodes = null,
    IReadOnlyList<NodeFailureDocument>? Failed = null);

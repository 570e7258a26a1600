using Hydra.Cli.Output;

namespace Hydra.Cli.Commands.Acl;

/// <summary>The JSON result of the acl commands.</summary>
internal sealed record AclResult(
    string KeyId,
    string Owner,
    long Version,
    IReadOnlyList<AclEntryDocument> Entries,
    bool Consistent,
    IReadOnlyList<string> DivergentNodes,
    IReadOnlyList<NodeFailureDocument> Failed);

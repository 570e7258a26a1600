using Hydra.Bridge.Contract;

namespace Hydra.Cli.Commands.Review;

/// <summary>The JSON result of <c>hydra quarantine list</c>.</summary>
internal sealed record QuarantineListResult(IReadOnlyList<QuarantineSummary> Quarantine);

/// <summary>The JSON result of <c>hydra redactions list</c>.</summary>
internal sealed record RedactionListResult(IReadOnlyList<RedactionSummary> Redactions);

/// <summary>The JSON result of a <c>thumbnail</c> subcommand: what was shown, where the PNG went, how big it is.</summary>
internal sealed record ThumbnailResult(string Id, string Path, long Bytes);

using Hydra.Bridge.Contract;

namespace Hydra.Cli.Commands.Images;

/// <summary>The JSON result of <c>hydra images list</c>.</summary>
internal sealed record ImageListResult(IReadOnlyList<ImageSummary> Images);

using Hydra.Cli.Output;

namespace Hydra.Cli.Commands.Images;

/// <summary>
/// The JSON result of <c>hydra images get</c>: the output folder, the counts, each image's outcome, and the nodes that
/// did not contribute to the keys that were rebuilt (<see cref="FailedNodes"/>, left out when every node did).
/// </summary>
internal sealed record ImagesGetResult(
    string Folder, int Written, int Failed, IReadOnlyList<ImageOutcome> Images, IReadOnlyList<NodeFailureDocument>? FailedNodes = null);

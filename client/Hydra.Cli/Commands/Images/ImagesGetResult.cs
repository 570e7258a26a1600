namespace Hydra.Cli.Commands.Images;

/// <summary>The JSON result of <c>hydra images get</c>: the output folder, the counts, and each image's outcome.</summary>
internal sealed record ImagesGetResult(string Folder, int Written, int Failed, IReadOnlyList<ImageOutcome> Images);

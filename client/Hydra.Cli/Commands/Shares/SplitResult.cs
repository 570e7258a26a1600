namespace Hydra.Cli.Commands.Shares;

/// <summary>The --json result of <c>hydra shares split</c>.</summary>
internal sealed record SplitResult(string Format, string Encoding, int Threshold, int ShareCount, IReadOnlyList<string> Shares);

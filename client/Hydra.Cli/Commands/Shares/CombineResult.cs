namespace Hydra.Cli.Commands.Shares;

/// <summary>The --json result of <c>hydra shares combine</c>; <see cref="Secret"/> is base64, absent when written to a file.</summary>
internal sealed record CombineResult(
    string Format,
    bool Verified,
    string? Secret,
    string? OutputFile,
    IReadOnlyList<string> UsedShares,
    IReadOnlyList<string> BadShares,
    IReadOnlyList<string> OtherShares);

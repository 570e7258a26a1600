namespace Hydra.Bridge.Contract;

/// <summary>The body of a refusal from the bridge: one sentence saying what was wrong.</summary>
public sealed record ProblemMessage(string Error);

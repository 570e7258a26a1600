namespace Hydra.Benchmarks.Dimse;

/// <summary>One receiver of the C-STORE bench.</summary>
public sealed record StoreBenchTarget(string Name, string AeTitle, int Port);

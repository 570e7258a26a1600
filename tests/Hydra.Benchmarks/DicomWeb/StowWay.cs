namespace Hydra.Benchmarks.DicomWeb;

/// <summary>One way of storing a set of files in the STOW bench, and whether it stores into the bridge or Orthanc.</summary>
public sealed record StowWay(string Name, Func<IReadOnlyList<string>, CancellationToken, Task<TimeSpan>> Send, bool ToBridge);

using Hydra.Benchmarks.Dimse;

namespace Hydra.Benchmarks.Engines;

/// <summary>
/// One receiver of the engines bench: the DICOM targets its senders are spread over (one, or several bridges sharing a
/// database and object store), the CPU time of its own process, and how many images it holds.
/// </summary>
public sealed record EngineReceiver(string Name, string Label, IReadOnlyList<StoreBenchTarget> Targets, Func<TimeSpan> ProcessorTime, Func<CancellationToken, Task<int>> CountAsync);

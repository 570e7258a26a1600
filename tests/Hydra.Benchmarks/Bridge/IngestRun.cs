namespace Hydra.Benchmarks.Bridge;

/// <summary>
/// One timed send: wall time from the first storescu start to the last exit, the receiver process's CPU time meanwhile
/// and, for the bridge with its keystore nodes in their own processes, the nodes' CPU time.
/// </summary>
public sealed record IngestRun(TimeSpan Elapsed, TimeSpan ProcessorTime, TimeSpan NodesProcessorTime);

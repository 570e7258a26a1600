using Hydra.Benchmarks.Dimse;
using Hydra.Testing;

namespace Hydra.Benchmarks.Bridge;

/// <summary>
/// The receivers of the ingest bench and the check after every run: each must hold exactly the images just sent more
/// than before (a receiver that silently lost images would make its rate worthless).
/// </summary>
public sealed class IngestTargets
{
    private readonly StoreBenchReceivers _receivers;
    private readonly BenchBridge _bridge;

    public IngestTargets(StoreBenchReceivers receivers, BenchBridge bridge)
    {
        _receivers = receivers;
        _bridge = bridge;
        All = [.. receivers.All, bridge.Target];
        Labels =
        [
            ("storescp", "dcmtk storescp (plain files)"),
            ("Orthanc", "Orthanc (plain files, SQLite index)"),
            (receivers.Hydra.Name, "Hydra SCP only (plain files)"),
            (bridge.Target.Name, "Hydra bridge (end to end, durable)"),
        ];
    }

    public IReadOnlyList<StoreBenchTarget> All { get; }

    /// <summary>Receiver names with their printed descriptions, in table order.</summary>
    public IReadOnlyList<(string Name, string Label)> Labels { get; }

    /// <summary>
    /// Flushes dirty pages first (so no receiver pays for another's unsynced writes), sends, and checks the count.
    /// </summary>
    public async Task<IngestRun> SendCheckedAsync(ParallelStorescu sender, StoreBenchTarget target, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        await ProcessRunner.RunAsync("sync", []);
        var before = await CountAsync(target, cancellationToken);
        var (cpuBefore, nodesBefore) = (target.ProcessorTime(), NodesProcessorTime(target));
        var elapsed = await sender.SendAsync(target, files, cancellationToken);
        var (cpu, nodes) = (target.ProcessorTime() - cpuBefore, NodesProcessorTime(target) - nodesBefore);
        var stored = await CountAsync(target, cancellationToken) - before;
        if (stored != files.Count)
        {
            throw new InvalidOperationException($"{target.Name} stored {stored} of the {files.Count} images sent.");
        }

        return new IngestRun(elapsed, cpu, nodes);
    }

    private TimeSpan NodesProcessorTime(StoreBenchTarget target) => target == _bridge.Target ? _bridge.NodesProcessorTime() : TimeSpan.Zero;

    private async Task<int> CountAsync(StoreBenchTarget target, CancellationToken cancellationToken) =>
        target == _bridge.Target ? await _bridge.CatalogCountAsync() : (await _receivers.StoredCountsAsync(cancellationToken))[target.Name];
}

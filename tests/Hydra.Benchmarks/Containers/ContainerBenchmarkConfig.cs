using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Hydra.Benchmarks.Containers;

/// <summary>
/// One operation is a whole 1 GiB stream (about 0.3 s), so each is invoked once per iteration: 2 warm-up and 9
/// measured iterations in one process per benchmark. Median and minimum are shown next to the mean because the
/// machine is shared.
/// </summary>
internal sealed class ContainerBenchmarkConfig : ManualConfig
{
    public ContainerBenchmarkConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(9)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithId("1GiB"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, new ThroughputColumn(ContainerThroughputBenchmarks.TotalBytes), CategoriesColumn.Default);
        AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
    }
}

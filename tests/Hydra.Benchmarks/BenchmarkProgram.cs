using BenchmarkDotNet.Running;
using Hydra.Benchmarks.Containers;

namespace Hydra.Benchmarks;

/// <summary>
/// Entry point: BenchmarkDotNet suites via the switcher, e.g. <c>-- --filter '*Container*'</c>, or a bench command
/// that measures a baseline and Hydra interleaved in one run: <c>-- container-throughput [rounds]</c>.
/// </summary>
public static class BenchmarkProgram
{
    public static int Main(string[] args) => args switch
    {
        ["container-throughput", .. var rest] => ContainerThroughputCommand.Run(rest),
        _ => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args).Any() ? 0 : 1,
    };
}

using BenchmarkDotNet.Running;

namespace Hydra.Benchmarks;

/// <summary>Entry point: BenchmarkDotNet suites via the switcher, e.g. <c>-- --filter '*Container*'</c>.</summary>
public static class BenchmarkProgram
{
    public static int Main(string[] args) => args switch
    {
        ["keystore-throughput", .. var rest] => Keystore.KeystoreThroughputCommand.Run(rest),
        _ => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args).Any() ? 0 : 1,
    };
}

using BenchmarkDotNet.Running;
using Hydra.Benchmarks.Dicom;

namespace Hydra.Benchmarks;

/// <summary>
/// Entry point: a bench command (e.g. <c>-- dicom-codec</c>), or BenchmarkDotNet suites via the switcher, e.g.
/// <c>-- --filter '*Container*'</c>.
/// </summary>
public static class BenchmarkProgram
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "dicom-codec")
        {
            return CodecBenchCommand.Create().Parse(args[1..]).Invoke();
        }

        if (args.Length > 0 && args[0] == "dimse-store")
        {
            return Dimse.StoreBenchCommand.Create().Parse(args[1..]).Invoke();
        }

        return BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args).Any() ? 0 : 1;
    }
}

using BenchmarkDotNet.Running;
using Hydra.Benchmarks.Containers;
using Hydra.Benchmarks.Dicom;
using Hydra.Benchmarks.Keystore;

namespace Hydra.Benchmarks;

/// <summary>
/// Entry point: a bench command that measures a baseline (raw AES-GCM, pydicom, bare mTLS calls, real peers) and
/// Hydra in one run, e.g. <c>-- container-throughput [rounds]</c>, <c>-- dicom-codec</c> or
/// <c>-- keystore-throughput [seconds] [concurrencies]</c>, <c>-- keystore-seal [seconds] [concurrencies]</c>,
/// <c>-- keystore-token-fetch [seconds] [concurrencies] [rounds]</c>, <c>-- pixel-scan [--runs n]</c>, or
/// BenchmarkDotNet suites via the switcher, e.g. <c>-- --filter '*Container*'</c>.
/// </summary>
public static class BenchmarkProgram
{
    public static int Main(string[] args) => args switch
    {
        ["container-throughput", .. var rest] => ContainerThroughputCommand.Run(rest),
        ["dicom-codec", .. var rest] => CodecBenchCommand.Create().Parse(rest).Invoke(),
        ["keystore-throughput", .. var rest] => KeystoreThroughputCommand.Run(rest),
        ["keystore-seal", .. var rest] => SealThroughputCommand.Run(rest),
        ["keystore-token-fetch", .. var rest] => TokenFetchCommand.Run(rest),
        ["deidentify", .. var rest] => Deidentification.DeidentificationBenchCommand.Create().Parse(rest).Invoke(),
        ["pixel-scan", .. var rest] => Redaction.PixelScanBenchCommand.Create().Parse(rest).Invoke(),
        ["dimse-store", .. var rest] => Dimse.StoreBenchCommand.Create().Parse(rest).Invoke(),
        ["bridge-ingest", .. var rest] => Bridge.BridgeIngestCommand.Create().Parse(rest).Invoke(),
        ["bridge-pixels", .. var rest] => Bridge.BridgePixelsCommand.Create().Parse(rest).Invoke(),
        ["bridge-engines", .. var rest] => Engines.BridgeEnginesCommand.Create().Parse(rest).Invoke(),
        ["dicomweb-wado" or "dicomweb-stow" or "dicomweb-memory", ..] => DicomWeb.DicomWebBenchCommands.Create().Parse(args).Invoke(),
        _ => BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args).Any() ? 0 : 1,
    };
}

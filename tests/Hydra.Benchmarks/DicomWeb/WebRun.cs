namespace Hydra.Benchmarks.DicomWeb;

/// <summary>
/// One timed run of a DICOMweb bench: images and bytes moved, wall time, time to the first image (retrieves only), the
/// serving (or receiving) process's CPU time meanwhile and, for the bridge, its three keystore nodes' CPU time.
/// </summary>
public sealed record WebRun(int Images, long Bytes, TimeSpan Elapsed, TimeSpan FirstImage, TimeSpan ProcessorTime, TimeSpan NodesProcessorTime)
{
    public double ImagesPerSecond => Images / Elapsed.TotalSeconds;

    public double MegabytesPerSecond => Bytes / Elapsed.TotalSeconds / 1e6;
}

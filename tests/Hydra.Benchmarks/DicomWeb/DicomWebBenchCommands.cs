using System.CommandLine;

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>
/// The DICOMweb benches (issue 20): <c>dicomweb-wado</c> (WADO-RS against Orthanc), <c>dicomweb-stow</c> (STOW-RS against
/// C-STORE and Orthanc) and <c>dicomweb-memory</c> (the bridge's RSS while it streams a 2,000-image study).
/// </summary>
public static class DicomWebBenchCommands
{
    public static RootCommand Create() =>
        new("DICOMweb benchmarks of the bridge") { WadoBenchCommand.Create(), StowBenchCommand.Create(), StreamingMemoryCommand.Create() };
}

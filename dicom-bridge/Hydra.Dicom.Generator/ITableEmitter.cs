namespace Hydra.Dicom.Generator;

/// <summary>Turns one JSON table of the standard into C# source files.</summary>
public interface ITableEmitter
{
    /// <summary>Reads <paramref name="inputPath"/> and returns the files to write; <paramref name="command"/> regenerates them.</summary>
    IReadOnlyList<GeneratedFile> Emit(string inputPath, string command);
}

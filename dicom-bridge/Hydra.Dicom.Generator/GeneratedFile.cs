namespace Hydra.Dicom.Generator;

/// <summary>A C# file produced by an emitter: its file name and full text.</summary>
public sealed record GeneratedFile(string Name, string Content);

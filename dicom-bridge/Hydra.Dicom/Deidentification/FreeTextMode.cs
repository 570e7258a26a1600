namespace Hydra.Dicom.Deidentification;

/// <summary>How free text outside Table E.1-1 is treated inside a sequence.</summary>
internal enum FreeTextMode : byte
{
    /// <summary>Removed (or emptied or dummied when an IOD requires it) unless known to be safe.</summary>
    Strict,

    /// <summary>Cleaned to vocabulary words: inside a sequence that an option cleans (C).</summary>
    Clean,
}

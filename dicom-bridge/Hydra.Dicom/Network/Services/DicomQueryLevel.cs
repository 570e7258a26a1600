namespace Hydra.Dicom.Network.Services;

/// <summary>Query/Retrieve Level (0008,0052) of the hierarchical information models (PS3.4 C.3).</summary>
public enum DicomQueryLevel
{
    Patient,
    Study,
    Series,
    Image,
}

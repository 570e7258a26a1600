namespace Hydra.Dicom;

/// <summary>Implementation identity this library announces in file meta groups and associations.</summary>
public static class DicomLibraryInfo
{
    /// <summary>Implementation Class UID (PS3.7 D.3.3.2), under the UUID-derived root 2.25.</summary>
    public const string ImplementationClassUid = "2.25.174084613045766964490531289490896835934";

    /// <summary>Implementation Version Name, at most 16 characters.</summary>
    public const string ImplementationVersionName = "HYDRA_010";
}

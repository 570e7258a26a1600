namespace Hydra.Dicom.Network.Services;

/// <summary>Reading and writing Query/Retrieve Level values (PS3.4 C.6: "PATIENT", "STUDY", "SERIES", "IMAGE").</summary>
public static class DicomQueryLevels
{
    /// <summary>The level named by <paramref name="value"/>; false for anything else.</summary>
    public static bool TryParse(string? value, out DicomQueryLevel level)
    {
        switch (value?.Trim())
        {
            case "PATIENT":
                level = DicomQueryLevel.Patient;
                return true;
            case "STUDY":
                level = DicomQueryLevel.Study;
                return true;
            case "SERIES":
                level = DicomQueryLevel.Series;
                return true;
            case "IMAGE":
                level = DicomQueryLevel.Image;
                return true;
            default:
                level = default;
                return false;
        }
    }

    /// <summary>The code string of <paramref name="level"/>.</summary>
    public static string ToCode(DicomQueryLevel level) => level switch
    {
        DicomQueryLevel.Patient => "PATIENT",
        DicomQueryLevel.Study => "STUDY",
        DicomQueryLevel.Series => "SERIES",
        _ => "IMAGE",
    };
}

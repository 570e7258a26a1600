namespace Hydra.Dicom.Network;

/// <summary>Who sent an A-ABORT (PS3.8 9.3.8, Table 9-26).</summary>
public enum DicomAbortSource : byte
{
    /// <summary>The DICOM UL service user (0): the application chose to abort.</summary>
    ServiceUser = 0,

    /// <summary>Reserved (1).</summary>
    Reserved = 1,

    /// <summary>The DICOM UL service provider (2): a protocol error.</summary>
    ServiceProvider = 2,
}

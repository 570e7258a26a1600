namespace Hydra.Dicom.Network;

/// <summary>A-ASSOCIATE-RJ result (PS3.8 9.3.4, Table 9-21).</summary>
public enum DicomRejectResult : byte
{
    /// <summary>Rejected permanently (1): retrying will not help.</summary>
    Permanent = 1,

    /// <summary>Rejected transiently (2): a retry later may succeed.</summary>
    Transient = 2,
}

namespace Hydra.Dicom.Network;

/// <summary>
/// A-ASSOCIATE-RJ source (PS3.8 9.3.4, Table 9-21), which sets the meaning of the reason byte: see
/// <see cref="DicomRejectReasons"/>.
/// </summary>
public enum DicomRejectSource : byte
{
    /// <summary>The DICOM UL service user (1): reasons 1 no reason, 2 application context, 3 calling AE, 7 called AE.</summary>
    ServiceUser = 1,

    /// <summary>The UL service provider, ACSE part (2): reasons 1 no reason, 2 protocol version not supported.</summary>
    ServiceProviderAcse = 2,

    /// <summary>The UL service provider, presentation part (3): reasons 1 temporary congestion, 2 local limit exceeded.</summary>
    ServiceProviderPresentation = 3,
}

namespace Hydra.Dicom.Network;

/// <summary>The A-ASSOCIATE-RJ reason values (PS3.8 9.3.4, Table 9-21), by source.</summary>
public static class DicomRejectReasons
{
    /// <summary>Service user: no reason given.</summary>
    public const byte NoReasonGiven = 1;

    /// <summary>Service user: application context name not supported.</summary>
    public const byte ApplicationContextNotSupported = 2;

    /// <summary>Service user: calling AE title not recognized.</summary>
    public const byte CallingAeTitleNotRecognized = 3;

    /// <summary>Service user: called AE title not recognized.</summary>
    public const byte CalledAeTitleNotRecognized = 7;

    /// <summary>Service provider (ACSE): protocol version not supported.</summary>
    public const byte ProtocolVersionNotSupported = 2;

    /// <summary>Service provider (presentation): temporary congestion.</summary>
    public const byte TemporaryCongestion = 1;

    /// <summary>Service provider (presentation): local limit exceeded.</summary>
    public const byte LocalLimitExceeded = 2;

    /// <summary>A text for a source and reason, for messages and logs.</summary>
    public static string Describe(DicomRejectSource source, byte reason) => (source, reason) switch
    {
        (DicomRejectSource.ServiceUser, ApplicationContextNotSupported) => "application context name not supported",
        (DicomRejectSource.ServiceUser, CallingAeTitleNotRecognized) => "calling AE title not recognized",
        (DicomRejectSource.ServiceUser, CalledAeTitleNotRecognized) => "called AE title not recognized",
        (DicomRejectSource.ServiceProviderAcse, ProtocolVersionNotSupported) => "protocol version not supported",
        (DicomRejectSource.ServiceProviderPresentation, TemporaryCongestion) => "temporary congestion",
        (DicomRejectSource.ServiceProviderPresentation, LocalLimitExceeded) => "local limit exceeded",
        _ => $"no reason given (reason {reason})",
    };
}

namespace Hydra.CertsDev;

/// <summary>What state a cast member's certificate is issued in.</summary>
public enum DevUserStatus
{
    /// <summary>A current certificate.</summary>
    Valid,

    /// <summary>A current certificate whose serial the CRL lists.</summary>
    Revoked,

    /// <summary>A certificate whose notAfter lies in the past.</summary>
    Expired,
}

namespace Hydra.CertsDev;

/// <summary>The names of the built-in cast, as the CLI and <see cref="DevPki.User"/> take them.</summary>
public static class DevUser
{
    /// <summary>Owns keys: <c>/hospital/radiology/Role=clinician</c>.</summary>
    public const string Clinician = "clinician";

    /// <summary>Reads images of the radiology group: <c>/hospital/radiology</c>.</summary>
    public const string Reader = "reader";

    /// <summary>A researcher of another VO: <c>/biomed/imaging</c>.</summary>
    public const string Researcher = "researcher";

    /// <summary>A valid certificate with no VO membership at all.</summary>
    public const string NoVo = "novo";

    /// <summary>Security officer and auditor: <c>/hospital/security/Role=officer</c>.</summary>
    public const string Officer = "officer";

    /// <summary>Keystore administrator: <c>/hospital/keystore/Role=admin</c>.</summary>
    public const string Admin = "admin";

    /// <summary>Valid dates, but its serial is in the CRL.</summary>
    public const string Revoked = "revoked";

    /// <summary>notAfter in the past.</summary>
    public const string Expired = "expired";
}

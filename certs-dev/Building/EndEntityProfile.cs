namespace Hydra.CertsDev.Building;

/// <summary>Which extended key usages an end-entity certificate gets.</summary>
internal enum EndEntityProfile
{
    /// <summary>A person: clientAuth.</summary>
    User,

    /// <summary>A keystore node, the bridge or the VOMS AA: serverAuth and clientAuth (they are also TLS clients).</summary>
    Host,
}

namespace Hydra.Grid;

/// <summary>What a certificate in a presented chain is, by the grid proxy profiles.</summary>
internal enum ProxyKind
{
    /// <summary>Not a proxy: the end-entity certificate or a CA.</summary>
    None,

    /// <summary>RFC 3820 proxy (ProxyCertInfo 1.3.6.1.5.5.7.1.14).</summary>
    Rfc3820,

    /// <summary>GT3 draft proxy (ProxyCertInfo 1.3.6.1.4.1.3536.1.222).</summary>
    Gt3Draft,

    /// <summary>Globus legacy proxy: no ProxyCertInfo, last CN "proxy" or "limited proxy".</summary>
    Legacy,
}

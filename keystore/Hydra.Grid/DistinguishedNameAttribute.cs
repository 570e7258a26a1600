namespace Hydra.Grid;

/// <summary>One attribute of a distinguished name: its type OID and its value as text.</summary>
/// <param name="Oid">The attribute type, dotted decimal (aliases such as Email/E are resolved to one OID).</param>
/// <param name="Value">The value; non-string values appear as <c>#</c> followed by their DER in hex.</param>
/// <param name="ContinuesRdn">True when this attribute shares a multi-valued RDN with the previous one.</param>
public readonly record struct DistinguishedNameAttribute(string Oid, string Value, bool ContinuesRdn = false)
{
    /// <summary>The OpenSSL short name of the type (e.g. <c>CN</c>, <c>DC</c>, <c>emailAddress</c>), or the OID.</summary>
    public string ShortName => DnAttributeTypes.ShortName(Oid);
}

using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X500;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Utilities.Encoders;

namespace Hydra.Grid;

/// <summary>
/// An X.500 distinguished name in DER order (most significant RDN first), as grid ACLs use it. Renders the OpenSSL
/// slash form (<c>/DC=org/DC=hydra-dev/O=Hospital/CN=Alice</c>) and RFC 2253, parses both, and compares structurally:
/// attribute types by OID (so Email, E and emailAddress are one type), values case-insensitively with surrounding
/// whitespace trimmed and inner runs of whitespace folded (RFC 5280 §7.1).
/// </summary>
public sealed class DistinguishedName : IEquatable<DistinguishedName>
{
    private readonly DistinguishedNameAttribute[] _attributes;
    private readonly string[] _comparableValues;

    /// <summary>Creates a name from its attributes in DER order.</summary>
    public DistinguishedName(IEnumerable<DistinguishedNameAttribute> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        _attributes = [.. attributes];
        if (_attributes.Length > 0 && _attributes[0].ContinuesRdn)
        {
            throw new ArgumentException("The first attribute cannot continue a previous RDN.", nameof(attributes));
        }

        _comparableValues = Array.ConvertAll(_attributes, attribute => Comparable(attribute.Value));
    }

    /// <summary>The attributes in DER order.</summary>
    public IReadOnlyList<DistinguishedNameAttribute> Attributes => _attributes;

    /// <summary>True for the empty name.</summary>
    public bool IsEmpty => _attributes.Length == 0;

    /// <summary>The value of the last (least significant) CN, or null.</summary>
    public string? CommonName => _attributes.LastOrDefault(a => a.Oid == "2.5.4.3").Value;

    /// <summary>Reads a BouncyCastle name, keeping its RDN order and multi-valued RDNs.</summary>
    public static DistinguishedName FromX509Name(X509Name name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var attributes = new List<DistinguishedNameAttribute>();
        foreach (var rdn in (Asn1Sequence)name.ToAsn1Object())
        {
            var set = (Asn1Set)rdn;
            for (var i = 0; i < set.Count; i++)
            {
                var typeAndValue = AttributeTypeAndValue.GetInstance(set[i]);
                attributes.Add(new DistinguishedNameAttribute(typeAndValue.Type.Id, ValueText(typeAndValue.Value), i > 0));
            }
        }

        return new DistinguishedName(attributes);
    }

    /// <summary>Parses the OpenSSL slash form. A <c>/</c> starts a new RDN only before a known <c>type=</c>.</summary>
    /// <exception cref="FormatException">The text is not a slash-form DN.</exception>
    public static DistinguishedName Parse(string slashForm) => SlashDnFormat.Parse(slashForm);

    /// <summary>Parses RFC 2253 / RFC 4514 text (least significant RDN first, comma separated).</summary>
    /// <exception cref="FormatException">The text is not an RFC 2253 DN.</exception>
    public static DistinguishedName ParseRfc2253(string text) => Rfc2253Format.Parse(text);

    /// <summary>Builds the BouncyCastle name, with the usual string types (DC and email IA5, C printable, else UTF-8).</summary>
    public X509Name ToX509Name()
    {
        var converter = new X509DefaultEntryConverter();
        var rdns = new List<Asn1Encodable>();
        var current = new List<Asn1Encodable>();
        foreach (var attribute in _attributes)
        {
            if (!attribute.ContinuesRdn && current.Count > 0)
            {
                rdns.Add(new DerSet(current.ToArray()));
                current.Clear();
            }

            var oid = new DerObjectIdentifier(attribute.Oid);
            current.Add(new AttributeTypeAndValue(oid, converter.GetConvertedValue(oid, attribute.Value)));
        }

        if (current.Count > 0)
        {
            rdns.Add(new DerSet(current.ToArray()));
        }

        return X509Name.GetInstance(new DerSequence(rdns.ToArray()));
    }

    /// <summary>The OpenSSL slash form in DER order, e.g. <c>/DC=org/DC=hydra-dev/O=Hospital/CN=Alice</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var attribute in _attributes)
        {
            text.Append(attribute.ContinuesRdn ? '+' : '/').Append(attribute.ShortName).Append('=').Append(attribute.Value);
        }

        return text.ToString();
    }

    /// <summary>The RFC 2253 form: least significant RDN first, special characters escaped.</summary>
    public string ToRfc2253String() => Rfc2253Format.Format(_attributes);

    /// <summary>
    /// True when this name is <paramref name="parent"/> followed by exactly one single-valued CN: the RFC 3820 §3.4
    /// rule for a proxy's subject.
    /// </summary>
    public bool IsParentPlusOneCommonName(DistinguishedName parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var n = parent._attributes.Length;
        if (_attributes.Length != n + 1 || _attributes[n].Oid != "2.5.4.3" || _attributes[n].ContinuesRdn)
        {
            return false;
        }

        for (var i = 0; i < n; i++)
        {
            if (!AttributeEquals(parent, i, i))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public bool Equals(DistinguishedName? other)
    {
        if (other is null || other._attributes.Length != _attributes.Length)
        {
            return false;
        }

        for (var i = 0; i < _attributes.Length; i++)
        {
            if (!AttributeEquals(other, i, i))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DistinguishedName);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        for (var i = 0; i < _attributes.Length; i++)
        {
            hash.Add(_attributes[i].Oid, StringComparer.Ordinal);
            hash.Add(_comparableValues[i], StringComparer.OrdinalIgnoreCase);
        }

        return hash.ToHashCode();
    }

    private bool AttributeEquals(DistinguishedName other, int index, int otherIndex) =>
        _attributes[index].Oid == other._attributes[otherIndex].Oid
        && _attributes[index].ContinuesRdn == other._attributes[otherIndex].ContinuesRdn
        && string.Equals(_comparableValues[index], other._comparableValues[otherIndex], StringComparison.OrdinalIgnoreCase);

    private static string ValueText(Asn1Encodable value) => value is IAsn1String text and not DerUniversalString
        ? text.GetString()
        : "#" + Hex.ToHexString(value.GetEncoded(Asn1Encodable.Der));

    private static string Comparable(string value)
    {
        var text = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                text.Append(' ');
                pendingSpace = false;
            }

            text.Append(c);
        }

        return text.ToString();
    }
}

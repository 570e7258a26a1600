using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X500;
using Org.BouncyCastle.Asn1.X509;

namespace Hydra.Grid;

/// <summary>
/// OpenSSL's <c>X509_NAME_hash</c> (the <c>-subject_hash</c> that names <c>&lt;hash&gt;.0</c> and <c>&lt;hash&gt;.r0</c>
/// in a grid trust directory): SHA-1 over the name's canonical encoding, first four bytes read little-endian.
/// </summary>
/// <remarks>
/// The canonical encoding (OpenSSL crypto/x509/x_name.c, x509_name_canon and asn1_string_canon) re-encodes every
/// string value as UTF8String, lower-cased (ASCII only), with leading and trailing whitespace dropped and inner runs
/// of whitespace folded to one space; the RDN SETs are concatenated without the outer SEQUENCE header.
/// </remarks>
public static class OpenSslNameHash
{
    /// <summary>The hash as a number.</summary>
    public static uint Compute(X509Name name)
    {
        ArgumentNullException.ThrowIfNull(name);
#pragma warning disable CA5350 // SHA-1 is fixed by OpenSSL's file naming; this is a lookup key, not a security check.
        var digest = SHA1.HashData(CanonicalEncoding(name));
#pragma warning restore CA5350
        return BinaryPrimitives.ReadUInt32LittleEndian(digest);
    }

    /// <summary>The hash as OpenSSL prints it: eight lower-case hex digits.</summary>
    public static string ComputeText(X509Name name) => Compute(name).ToString("x8", CultureInfo.InvariantCulture);

    internal static byte[] CanonicalEncoding(X509Name name)
    {
        using var output = new MemoryStream();
        foreach (var rdn in (Asn1Sequence)name.ToAsn1Object())
        {
            var entries = ((Asn1Set)rdn).Cast<Asn1Encodable>()
                .Select(AttributeTypeAndValue.GetInstance)
                .Select(entry => (Asn1Encodable)new DerSequence(entry.Type, Canonical(entry.Value)))
                .ToArray();
            var encoded = new DerSet(entries).GetEncoded(Asn1Encodable.Der);
            output.Write(encoded);
        }

        return output.ToArray();
    }

    private static Asn1Encodable Canonical(Asn1Encodable value)
    {
        // ASN1_MASK_CANON: the string types OpenSSL canonicalises; anything else is hashed as it is.
        if (value is not (DerUtf8String or DerBmpString or DerUniversalString or DerPrintableString or DerT61String
            or DerIA5String or DerVisibleString))
        {
            return value;
        }

        var text = value is DerUniversalString universal
            ? Encoding.UTF32.GetString(ToLittleEndianUtf32(universal.GetOctets()))
            : ((IAsn1String)value).GetString();
        return new DerUtf8String(Fold(text));
    }

    private static string Fold(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var span = bytes.AsSpan();
        while (span.Length > 0 && IsSpace(span[0]))
        {
            span = span[1..];
        }

        while (span.Length > 0 && IsSpace(span[^1]))
        {
            span = span[..^1];
        }

        var folded = new List<byte>(span.Length);
        for (var i = 0; i < span.Length; i++)
        {
            if (IsSpace(span[i]))
            {
                folded.Add((byte)' ');
                while (i + 1 < span.Length && IsSpace(span[i + 1]))
                {
                    i++;
                }
            }
            else
            {
                folded.Add(span[i] is >= (byte)'A' and <= (byte)'Z' ? (byte)(span[i] + 32) : span[i]);
            }
        }

        return Encoding.UTF8.GetString([.. folded]);
    }

    private static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or 0x0b or 0x0c or (byte)'\r';

    private static byte[] ToLittleEndianUtf32(byte[] bigEndian)
    {
        var result = (byte[])bigEndian.Clone();
        for (var i = 0; i + 3 < result.Length; i += 4)
        {
            Array.Reverse(result, i, 4);
        }

        return result;
    }
}

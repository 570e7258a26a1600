using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Hydra.Dicom.Text;

/// <summary>
/// The character repertoire named by Specific Character Set (0008,0005) (PS3.3 C.12.1.1.2, PS3.5 6.1): decodes the
/// values of SH, LO, ST, LT, UC, UT and PN, including ISO 2022 code extensions, and encodes replacement text.
/// Instances are cached per value, so two data sets with the same (0008,0005) share one instance.
/// </summary>
public sealed class DicomCharacterSet
{
    private static readonly ConcurrentDictionary<string, DicomCharacterSet> Cache = new(StringComparer.Ordinal);

    private readonly CharacterSetTerm _initialG0;
    private readonly CharacterSetTerm _initialG1;
    private readonly bool _usesEscapes;

    private DicomCharacterSet(string value)
    {
        Value = value;
        var terms = value.Split('\\');
        var first = terms[0].Trim();
        var initial = first.Length == 0 ? CharacterSetTerms.Default : CharacterSetTerms.Find(first) ?? CharacterSetTerms.Default;
        IsRecognised = terms.All(t => t.Trim().Length == 0 || CharacterSetTerms.Find(t) is not null);
        _usesEscapes = terms.Length > 1 || initial.Escape.Length > 0;

        // PS3.3 Table C.12-3: ISO 2022 IR 13 puts JIS X 0201 romaji in G0 and katakana in G1; other single-byte
        // terms keep ISO 646 in G0, which their code page decodes identically.
        _initialG0 = initial.Term == "ISO 2022 IR 13" ? CharacterSetTerms.Find("ISO 2022 IR 14")! : initial;
        _initialG1 = initial;
        Initial = initial;
    }

    /// <summary>The default repertoire ISO-IR 6 (no (0008,0005)); stray 8-bit bytes decode as ISO 8859-1.</summary>
    public static DicomCharacterSet Default { get; } = FromSpecificCharacterSet(null);

    /// <summary>ISO_IR 192: UTF-8, which can encode any replacement text.</summary>
    public static DicomCharacterSet Utf8 { get; } = FromSpecificCharacterSet("ISO_IR 192");

    /// <summary>The (0008,0005) value this set was made from, values separated by backslash; empty for the default.</summary>
    public string Value { get; }

    /// <summary>False when a term is not a Defined Term of PS3.3 C.12.1.1.2 (it then decodes as the default).</summary>
    public bool IsRecognised { get; }

    internal CharacterSetTerm Initial { get; }

    /// <summary>The set for a (0008,0005) value (backslash-separated terms); null or empty gives <see cref="Default"/>.</summary>
    public static DicomCharacterSet FromSpecificCharacterSet(string? value)
    {
        var key = (value ?? string.Empty).Trim(' ', '\0');
        return Cache.TryGetValue(key, out var cached) ? cached : Cache.GetOrAdd(key, static k => new DicomCharacterSet(k));
    }

    /// <summary>Decodes <paramref name="bytes"/>, a value of VR <paramref name="vr"/>, keeping padding and separators.</summary>
    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        if (!_usesEscapes || bytes.IndexOf((byte)0x1B) < 0 && _initialG0.Kind == CharacterSetKind.SingleByte
            && ReferenceEquals(_initialG0, _initialG1))
        {
            return Initial.Encoding.GetString(bytes);
        }

        return Iso2022Decoder.Decode(bytes, _initialG0, _initialG1, vr == DicomVR.PN);
    }

    /// <summary>
    /// Encodes <paramref name="text"/> in this repertoire without code extensions; false when a character does not
    /// fit (then use <see cref="Utf8"/>).
    /// </summary>
    public bool TryEncode(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        bytes = null;
        if (ReferenceEquals(Initial, CharacterSetTerms.Default) && !Ascii.IsValid(text))
        {
            return false;
        }

        try
        {
            var encoded = Initial.Encoding.GetBytes(text);
            if (_usesEscapes && (encoded.Length != text.Length || encoded.AsSpan().IndexOf((byte)0x1B) >= 0))
            {
                return false;
            }

            bytes = encoded;
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() => Value.Length == 0 ? "ISO_IR 6 (default)" : Value;
}

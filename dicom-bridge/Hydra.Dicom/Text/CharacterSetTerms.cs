using System.Text;

namespace Hydra.Dicom.Text;

/// <summary>
/// The Defined Terms of Specific Character Set (PS3.3 C.12.1.1.2, Tables C.12-2 to C.12-5) with the .NET encodings
/// that decode them. Code pages come from <see cref="CodePagesEncodingProvider"/>, part of the shared framework.
/// </summary>
internal static class CharacterSetTerms
{
    private const byte Esc = 0x1B;

    private static readonly Dictionary<string, CharacterSetTerm> ByTerm = Build();

    /// <summary>ISO-IR 6 (ASCII), decoded as ISO 8859-1 so stray 8-bit bytes survive, as other toolkits do.</summary>
    public static CharacterSetTerm Default { get; } = ByTerm["ISO_IR 6"];

    /// <summary>The term for <paramref name="term"/> after normalising common misspellings; null when unknown.</summary>
    public static CharacterSetTerm? Find(string term) => ByTerm.GetValueOrDefault(Normalise(term));

    /// <summary>The code-extension term whose escape sequence starts <paramref name="bytes"/>; null if none.</summary>
    public static CharacterSetTerm? FindByEscape(ReadOnlySpan<byte> bytes)
    {
        foreach (var term in ByTerm.Values)
        {
            if (term.Escape.Length > 0 && bytes.StartsWith(term.Escape))
            {
                return term;
            }
        }

        return null;
    }

    // "ISO_IR_100", "ISO-IR 100" and "iso_ir 100" all appear in the wild for "ISO_IR 100".
    private static string Normalise(string term)
    {
        var upper = term.Trim().ToUpperInvariant();
        if (ByTerm.ContainsKey(upper))
        {
            return upper;
        }

        var spaced = upper.Replace('_', ' ').Replace('-', ' ');
        return spaced.StartsWith("ISO IR ", StringComparison.Ordinal) ? "ISO_IR " + spaced[7..] : spaced;
    }

    private static Dictionary<string, CharacterSetTerm> Build()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var terms = new Dictionary<string, CharacterSetTerm>(StringComparer.Ordinal);
        void Add(string term, Encoding encoding, CharacterSetKind kind, params byte[] escape) =>
            terms[term] = new CharacterSetTerm(term, encoding, escape, kind);

        // Single-byte sets without code extensions (Table C.12-2) and with them (Table C.12-3).
        (string Number, int CodePage, byte Final)[] singleByte =
        [
            ("100", 28591, (byte)'A'), ("101", 28592, (byte)'B'), ("109", 28593, (byte)'C'), ("110", 28594, (byte)'D'),
            ("144", 28595, (byte)'L'), ("127", 28596, (byte)'G'), ("126", 28597, (byte)'F'), ("138", 28598, (byte)'H'),
            ("148", 28599, (byte)'M'), ("166", 874, (byte)'T'),
        ];
        var latin1 = Get(28591);
        Add("ISO_IR 6", latin1, CharacterSetKind.SingleByte);
        Add("ISO 2022 IR 6", latin1, CharacterSetKind.SingleByte, Esc, (byte)'(', (byte)'B');
        foreach (var (number, codePage, final) in singleByte)
        {
            Add("ISO_IR " + number, Get(codePage), CharacterSetKind.SingleByte);
            Add("ISO 2022 IR " + number, Get(codePage), CharacterSetKind.SingleByte, Esc, (byte)'-', final);
        }

        // JIS X 0201: katakana in G1 (ISO-IR 13), romaji in G0 (ISO-IR 14); Shift_JIS decodes both single-byte halves.
        var shiftJis = Get(932);
        Add("ISO_IR 13", shiftJis, CharacterSetKind.SingleByte);
        Add("ISO 2022 IR 13", shiftJis, CharacterSetKind.SingleByte, Esc, (byte)')', (byte)'I');
        Add("ISO 2022 IR 14", shiftJis, CharacterSetKind.SingleByte, Esc, (byte)'(', (byte)'J');

        // Multi-byte sets with code extensions (Table C.12-4).
        var eucJp = Get(20932);
        Add("ISO 2022 IR 87", eucJp, CharacterSetKind.JisX0208, Esc, (byte)'$', (byte)'B');
        Add("ISO 2022 IR 159", eucJp, CharacterSetKind.JisX0212, Esc, (byte)'$', (byte)'(', (byte)'D');
        Add("ISO 2022 IR 149", Get(51949), CharacterSetKind.MultiByteG1, Esc, (byte)'$', (byte)')', (byte)'C');
        Add("ISO 2022 IR 58", Get(936), CharacterSetKind.MultiByteG1, Esc, (byte)'$', (byte)')', (byte)'A');

        // Multi-byte sets without code extensions (Table C.12-5).
        Add("ISO_IR 192", new UTF8Encoding(false, throwOnInvalidBytes: false), CharacterSetKind.Stateless);
        Add("GB18030", Get(54936), CharacterSetKind.Stateless);
        Add("GBK", Get(936), CharacterSetKind.Stateless);
        return terms;
    }

    // Decoding replaces invalid bytes with U+FFFD; encoding throws so callers can tell when text does not fit.
    private static Encoding Get(int codePage) =>
        Encoding.GetEncoding(codePage, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
}

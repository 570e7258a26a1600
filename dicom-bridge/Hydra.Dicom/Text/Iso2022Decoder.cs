using System.Buffers;
using System.Text;

namespace Hydra.Dicom.Text;

/// <summary>
/// Decodes text that uses ISO 2022 code extensions (PS3.5 6.1.2.5): escape sequences designate character sets to G0
/// (bytes 0x21-0x7E) and G1 (bytes 0xA1-0xFE) independently, and the initial sets come back before each delimiter
/// (PS3.5 6.1.2.5.3: line breaks, TAB, FF, the value separator, and '^' and '=' in person names). When the initial
/// repertoire has no G1 set, a G1 designation is kept across delimiters: writers that omit the re-designation exist,
/// and bytes above 0x7F mean nothing in ISO-IR 6.
/// </summary>
internal static class Iso2022Decoder
{
    private const byte Esc = 0x1B;

    public static string Decode(ReadOnlySpan<byte> bytes, CharacterSetTerm initialG0, CharacterSetTerm initialG1, bool personName)
    {
        var builder = new StringBuilder(bytes.Length);
        var g0 = initialG0;
        var g1 = initialG1;
        var resetsG1 = initialG1.Term is not ("ISO_IR 6" or "ISO 2022 IR 6");
        var runStart = 0;
        var runIsG1 = false;
        var i = 0;
        while (i < bytes.Length)
        {
            var b = bytes[i];
            if (b == Esc && CharacterSetTerms.FindByEscape(bytes[i..]) is { } designated)
            {
                AppendRun(builder, bytes[runStart..i], runIsG1 ? g1 : g0, runIsG1);
                if (DesignatesG1(designated))
                {
                    g1 = designated;
                }
                else
                {
                    g0 = designated;
                }

                i += designated.Escape.Length;
                runStart = i;
                continue;
            }

            var isG1 = b >= 0x80;
            var resets = !isG1 && g0.Kind == CharacterSetKind.SingleByte && IsDelimiter(b, personName);
            if (isG1 != runIsG1 || (resets && (!ReferenceEquals(g0, initialG0) || (resetsG1 && !ReferenceEquals(g1, initialG1)))))
            {
                AppendRun(builder, bytes[runStart..i], runIsG1 ? g1 : g0, runIsG1);
                runStart = i;
                runIsG1 = isG1;
                if (resets)
                {
                    g0 = initialG0;
                    g1 = resetsG1 ? initialG1 : g1;
                }
            }

            // Multi-byte sets take bytes in pairs, so the second byte of a pair never starts a new run.
            i += !isG1 && g0.Kind is CharacterSetKind.JisX0208 or CharacterSetKind.JisX0212 && i + 1 < bytes.Length ? 2 : 1;
        }

        AppendRun(builder, bytes[runStart..], runIsG1 ? g1 : g0, runIsG1);
        return builder.ToString();
    }

    // PS3.3 Table C.12-3 and C.12-4: intermediate ')' or '-' (and "$)") designate G1; '(' and "$" / "$(" designate G0.
    private static bool DesignatesG1(CharacterSetTerm term) => term.Escape[1] is (byte)')' or (byte)'-'
        || (term.Escape.Length == 4 && term.Escape[2] == (byte)')');

    private static bool IsDelimiter(byte b, bool personName) =>
        b is 0x0A or 0x0C or 0x0D or 0x09 or (byte)'\\' || (personName && b is (byte)'^' or (byte)'=');

    private static void AppendRun(StringBuilder builder, ReadOnlySpan<byte> run, CharacterSetTerm term, bool isG1)
    {
        if (run.IsEmpty)
        {
            return;
        }

        if (isG1 || term.Kind is not (CharacterSetKind.JisX0208 or CharacterSetKind.JisX0212))
        {
            builder.Append(term.Encoding.GetString(run));
            return;
        }

        // Code page 20932 holds both JIS sets: JIS X 0208 as EUC-JP (both bytes with the high bit set), JIS X 0212
        // with the high bit set on the first byte only.
        var supplementary = term.Kind == CharacterSetKind.JisX0212;
        var buffer = ArrayPool<byte>.Shared.Rent(run.Length);
        try
        {
            var length = 0;
            for (var i = 0; i < run.Length; i++)
            {
                var second = (i & 1) == 1;
                buffer[length++] = supplementary && second ? (byte)(run[i] & 0x7F) : (byte)(run[i] | 0x80);
            }

            builder.Append(term.Encoding.GetString(buffer, 0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

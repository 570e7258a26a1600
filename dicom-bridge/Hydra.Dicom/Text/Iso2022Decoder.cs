using System.Buffers;
using System.Text;

namespace Hydra.Dicom.Text;

/// <summary>
/// Decodes text that uses ISO 2022 code extensions (PS3.5 6.1.2.5): escape sequences designate character sets to G0
/// (bytes 0x21-0x7E) and G1 (bytes 0xA1-0xFE) independently, and the initial sets come back before each delimiter
/// (PS3.5 6.1.2.5.3: line breaks, TAB, FF, the value separator, and '^' and '=' in person names).
/// </summary>
internal static class Iso2022Decoder
{
    private const byte Esc = 0x1B;

    public static string Decode(ReadOnlySpan<byte> bytes, CharacterSetTerm initialG0, CharacterSetTerm initialG1, bool personName)
    {
        var builder = new StringBuilder(bytes.Length);
        var g0 = initialG0;
        var g1 = initialG1;
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
            if (isG1 != runIsG1 || (resets && (!ReferenceEquals(g0, initialG0) || !ReferenceEquals(g1, initialG1))))
            {
                AppendRun(builder, bytes[runStart..i], runIsG1 ? g1 : g0, runIsG1);
                runStart = i;
                runIsG1 = isG1;
                if (resets)
                {
                    g0 = initialG0;
                    g1 = initialG1;
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

        // JIS X 0208 and 0212 bytes map onto EUC-JP by setting the high bit; 0212 also takes the SS3 prefix 0x8F.
        var prefix = term.Kind == CharacterSetKind.JisX0212;
        var size = prefix ? run.Length + ((run.Length + 1) / 2) : run.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var length = 0;
            for (var i = 0; i < run.Length; i++)
            {
                if (prefix && i % 2 == 0)
                {
                    buffer[length++] = 0x8F;
                }

                buffer[length++] = (byte)(run[i] | 0x80);
            }

            builder.Append(term.Encoding.GetString(buffer, 0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

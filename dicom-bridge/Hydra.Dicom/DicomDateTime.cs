using System.Globalization;

namespace Hydra.Dicom;

/// <summary>Parses and formats the date and time VRs DA, TM and DT (PS3.5 6.2 Table 6.2-1).</summary>
public static class DicomDateTime
{
    /// <summary>Parses DA "YYYYMMDD" (and the ACR-NEMA form "YYYY.MM.DD", PS3.5 6.2 note).</summary>
    public static DateOnly ParseDate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.Trim().Replace(".", string.Empty, StringComparison.Ordinal);
        return DateOnly.ParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture);
    }

    /// <summary>Parses TM "HH[MM[SS[.F{1-6}]]]" (and the ACR-NEMA form with colons).</summary>
    public static TimeOnly ParseTime(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.Trim().Replace(":", string.Empty, StringComparison.Ordinal).AsSpan();
        var hour = TwoDigits(span, 0);
        var minute = span.Length >= 4 ? TwoDigits(span, 2) : 0;
        var second = span.Length >= 6 ? Math.Min(TwoDigits(span, 4), 59) : 0;
        var ticks = span.Length > 7 && span[6] == '.' ? FractionTicks(span[7..]) : 0;
        if (span.Length is not (2 or 4 or 6) && !(span.Length > 7 && span[6] == '.'))
        {
            throw new FormatException("A TM value has the form HH[MM[SS[.FFFFFF]]].");
        }

        return new TimeOnly(hour, minute, second).Add(TimeSpan.FromTicks(ticks));
    }

    /// <summary>
    /// Parses DT "YYYY[MM[DD[HH[MM[SS[.F{1-6}]]]]]][&amp;ZZXX]"; missing components take their lowest value and
    /// <paramref name="utcOffset"/> receives the offset when present.
    /// </summary>
    public static DateTime ParseDateTime(string text, out TimeSpan? utcOffset)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.Trim().AsSpan();
        utcOffset = null;
        var sign = span.IndexOfAny('+', '-');
        if (sign >= 4)
        {
            var offset = span[(sign + 1)..];
            if (offset.Length != 4)
            {
                throw new FormatException("A DT offset has the form &ZZXX.");
            }

            var magnitude = new TimeSpan(TwoDigits(offset, 0), TwoDigits(offset, 2), 0);
            utcOffset = span[sign] == '-' ? -magnitude : magnitude;
            span = span[..sign];
        }

        if (span.Length < 4)
        {
            throw new FormatException("A DT value starts with a four-digit year.");
        }

        var year = (TwoDigits(span, 0) * 100) + TwoDigits(span, 2);
        var month = span.Length >= 6 ? TwoDigits(span, 4) : 1;
        var day = span.Length >= 8 ? TwoDigits(span, 6) : 1;
        var time = span.Length >= 10 ? ParseTime(span[8..].ToString()) : TimeOnly.MinValue;
        return new DateOnly(year, month, day).ToDateTime(time);
    }

    /// <summary>Formats DA as YYYYMMDD.</summary>
    public static string FormatDate(DateOnly value) => value.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Formats TM as HHMMSS, adding .FFFFFF only when there are fractional seconds.</summary>
    public static string FormatTime(TimeOnly value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0
            ? value.ToString("HHmmss", CultureInfo.InvariantCulture)
            : value.ToString("HHmmss.ffffff", CultureInfo.InvariantCulture);

    /// <summary>Formats DT as YYYYMMDDHHMMSS[.FFFFFF][&amp;ZZXX].</summary>
    public static string FormatDateTime(DateTime value, TimeSpan? utcOffset = null)
    {
        var text = FormatDate(DateOnly.FromDateTime(value)) + FormatTime(TimeOnly.FromDateTime(value));
        if (utcOffset is { } offset)
        {
            var sign = offset < TimeSpan.Zero ? '-' : '+';
            text += string.Create(CultureInfo.InvariantCulture, $"{sign}{Math.Abs(offset.Hours):00}{Math.Abs(offset.Minutes):00}");
        }

        return text;
    }

    private static int TwoDigits(ReadOnlySpan<char> span, int start) =>
        span.Length >= start + 2 && char.IsAsciiDigit(span[start]) && char.IsAsciiDigit(span[start + 1])
            ? ((span[start] - '0') * 10) + (span[start + 1] - '0')
            : throw new FormatException("A date or time component is not two digits.");

    private static long FractionTicks(ReadOnlySpan<char> fraction)
    {
        if (fraction.Length > 6 || !long.TryParse(fraction, NumberStyles.None, CultureInfo.InvariantCulture, out var digits))
        {
            throw new FormatException("Fractional seconds have one to six digits.");
        }

        for (var i = fraction.Length; i < 7; i++)
        {
            digits *= 10;
        }

        return digits;
    }
}

using System.Globalization;

namespace Hydra.Dicom.Deidentification;

/// <summary>
/// Shifts DA and DT values by whole days (Retain Longitudinal Temporal Information with Modified Dates, PS3.15 E.3.6),
/// keeping times, fractions, UTC offsets and each value's precision. TM values carry no date and stay as they are.
/// A value that does not parse is reported as such, so the caller can remove it instead of leaking it.
/// </summary>
internal static class DateShifter
{
    /// <summary>Shifts every value of a DA element (YYYYMMDD, the ACR-NEMA YYYY.MM.DD, or a range A-B).</summary>
    public static bool TryShiftDates(string text, int days, out string shifted)
    {
        shifted = string.Empty;
        var values = text.Split('\\');
        for (var i = 0; i < values.Length; i++)
        {
            var parts = values[i].Trim().Split('-');
            if (parts.Length > 2)
            {
                return false;
            }

            for (var j = 0; j < parts.Length; j++)
            {
                if (!(parts[j].Length == 0 && parts.Length == 2) && !TryShiftDate(parts[j], days, out parts[j]))
                {
                    return false;
                }
            }

            values[i] = string.Join('-', parts);
        }

        shifted = string.Join('\\', values);
        return true;
    }

    /// <summary>Shifts every value of a DT element: YYYY[MM[DD[HHMMSS[.F]]]][&amp;ZZXX], precision kept.</summary>
    public static bool TryShiftDateTimes(string text, int days, out string shifted)
    {
        shifted = string.Empty;
        var values = text.Split('\\');
        for (var i = 0; i < values.Length; i++)
        {
            if (!TryShiftDateTime(values[i].Trim(), days, out values[i]))
            {
                return false;
            }
        }

        shifted = string.Join('\\', values);
        return true;
    }

    private static bool TryShiftDate(string value, int days, out string shifted)
    {
        shifted = string.Empty;
        var digits = value.Length == 10 && value[4] == '.' && value[7] == '.'
            ? value.Replace(".", string.Empty, StringComparison.Ordinal)
            : value;
        if (digits.Length == 0)
        {
            return true;
        }

        if (!DateOnly.TryParseExact(digits, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !TryAddDays(date, days, out var moved))
        {
            return false;
        }

        shifted = moved.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return true;
    }

    private static bool TryShiftDateTime(string value, int days, out string shifted)
    {
        shifted = value;
        if (value.Length == 0)
        {
            return true;
        }

        var core = value;
        var offset = string.Empty;
        if (value.Length >= 9 && value[^5] is '+' or '-')
        {
            core = value[..^5];
            offset = value[^5..];
        }

        var dateLength = Math.Min(core.Length, 8);
        if (dateLength is not (4 or 6 or 8) || core.AsSpan(0, dateLength).ContainsAnyExceptInRange('0', '9')
            || !IsTimePart(core.AsSpan(dateLength)))
        {
            return false;
        }

        // Missing month or day take their lowest value to shift, and the result keeps the input's precision.
        var padded = core[..dateLength] + (dateLength == 4 ? "0101" : dateLength == 6 ? "01" : string.Empty);
        if (!TryShiftDate(padded, days, out var moved))
        {
            return false;
        }

        shifted = moved[..dateLength] + core[dateLength..] + offset;
        return true;
    }

    private static bool IsTimePart(ReadOnlySpan<char> time)
    {
        foreach (var c in time)
        {
            if (!char.IsAsciiDigit(c) && c != '.')
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryAddDays(DateOnly date, int days, out DateOnly moved)
    {
        moved = date;
        var target = (long)date.DayNumber + days;
        if (target < DateOnly.MinValue.DayNumber || target > DateOnly.MaxValue.DayNumber)
        {
            return false;
        }

        moved = DateOnly.FromDayNumber((int)target);
        return true;
    }
}

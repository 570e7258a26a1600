using System.Globalization;
using Hydra.Dicom;

namespace Hydra.Bridge.DicomWeb.Qido;

/// <summary>
/// Checks a matching key's value against its VR before it reaches the matcher (PS3.5 6.2 lengths and character
/// repertoires, PS3.4 C.2.2.2 range and UID list forms), so a malformed key is a 400 naming it, never a quiet
/// non-match or a failure. Values are never echoed: they may identify someone.
/// </summary>
internal static class QidoValueRules
{
    /// <summary>Most values one key may list (UIDs by comma, others by backslash).</summary>
    public const int MaxValuesPerKey = 256;

    /// <summary>
    /// The value as the matcher takes it (a UID list's commas turned into backslashes, PS3.18 8.3.4.1), or null with
    /// <paramref name="problem"/> saying what is wrong.
    /// </summary>
    public static string? Normalize(DicomVR vr, string value, out string? problem)
    {
        problem = null;
        if (value.AsSpan().ContainsAnyInRange('\0', '\u001F') || value.Contains('\u007F', StringComparison.Ordinal))
        {
            problem = "contains control characters";
            return null;
        }

        if (vr == DicomVR.UI)
        {
            value = value.Replace(',', '\\');
        }

        var values = value.Split('\\');
        if (values.Length > MaxValuesPerKey)
        {
            problem = $"lists more than {MaxValuesPerKey} values";
            return null;
        }

        if (values.Length > 1 && values.Any(v => v.Length == 0))
        {
            problem = "has an empty value in a list";
            return null;
        }

        foreach (var one in values)
        {
            problem = Check(vr, one);
            if (problem is not null)
            {
                return null;
            }
        }

        return value;
    }

    private static string? Check(DicomVR vr, string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        return vr switch
        {
            DicomVR.UI => DicomUid.IsValid(value) ? null : "is not a UID (digits and dots, at most 64 characters, PS3.5 9.1)",
            DicomVR.DA => CheckRange(value, 8, IsDate, "is not a date or date range (YYYYMMDD, YYYYMMDD-YYYYMMDD, -YYYYMMDD or YYYYMMDD-)"),
            DicomVR.TM => CheckRange(value, 13, IsTime, "is not a time or time range (HH[MM[SS[.FFFFFF]]], optionally as a range with '-')"),
            DicomVR.IS => value.Length <= 12 && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                ? null : "is not an integer string (at most 12 characters)",
            DicomVR.CS => value.Length <= 16 && value.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is ' ' or '_' or '*' or '?')
                ? null : "is not a code string (upper-case letters, digits, space and _, at most 16 characters)",
            DicomVR.PN => value.Length <= (64 * 3) + 2 && value.Count(c => c == '=') <= 2 ? null : "is not a person name (at most three groups of 64 characters)",
            _ => value.Length <= MaxLength(vr) ? null : $"is longer than {vr} allows ({MaxLength(vr)} characters)",
        };
    }

    private static int MaxLength(DicomVR vr) => vr switch
    {
        DicomVR.AE or DicomVR.SH or DicomVR.DS => 16,
        DicomVR.AS => 4,
        DicomVR.LO => 64,
        DicomVR.ST => 1024,
        DicomVR.DT => 26,
        _ => 10240,
    };

    // PS3.4 C.2.2.2.5: "a", "a-b", "-b" or "a-"; a range must not end before it starts.
    private static string? CheckRange(string value, int width, Func<string, bool> isValue, string problem)
    {
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            return isValue(value) ? null : problem;
        }

        var low = value[..dash];
        var high = value[(dash + 1)..];
        if ((low.Length == 0 && high.Length == 0) || (low.Length > 0 && !isValue(low)) || (high.Length > 0 && !isValue(high)))
        {
            return problem;
        }

        var ordered = low.Length == 0 || high.Length == 0
            || string.CompareOrdinal(Digits(low).PadRight(width, '0'), Digits(high).PadRight(width, '9')) <= 0;
        return ordered ? null : "is a range that ends before it starts";
    }

    private static string Digits(string value) => value.Replace(".", string.Empty, StringComparison.Ordinal);

    private static bool IsDate(string value) =>
        value.Length == 8 && DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    // HH, HHMM, HHMMSS or HHMMSS.F to HHMMSS.FFFFFF (PS3.5 6.2, TM).
    private static bool IsTime(string value)
    {
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? value : value[..dot];
        if (whole.Length is not (2 or 4 or 6) || !whole.All(char.IsAsciiDigit))
        {
            return false;
        }

        if (dot >= 0 && (whole.Length != 6 || value.Length - dot - 1 is < 1 or > 6 || !value[(dot + 1)..].All(char.IsAsciiDigit)))
        {
            return false;
        }

        var hours = int.Parse(whole[..2], CultureInfo.InvariantCulture);
        var minutes = whole.Length >= 4 ? int.Parse(whole[2..4], CultureInfo.InvariantCulture) : 0;
        var seconds = whole.Length == 6 ? int.Parse(whole[4..6], CultureInfo.InvariantCulture) : 0;
        return hours < 24 && minutes < 60 && seconds < 60;
    }
}

namespace Hydra.Dicom.Network.Services;

/// <summary>
/// Single value and range matching of dates and times (PS3.4 C.2.2.2.5): "a-b" inclusive, "-b", "a-". Values are
/// compared as fixed-width digit strings (DA YYYYMMDD, TM HHMMSS.FFFFFF, DT YYYYMMDDHHMMSS.FFFFFF without offset); a
/// partial lower bound is padded with the earliest value, a partial upper bound with the latest ("1030" ends at
/// 10:30:59.999999). The ACR-NEMA forms "YYYY.MM.DD" and "HH:MM:SS" are read too.
/// </summary>
internal static class DicomRangeMatcher
{
    public static bool Matches(DicomVR vr, string key, string value)
    {
        var candidate = Normalize(vr, value, upper: false);
        var dash = RangeSeparator(vr, key);

        if (dash < 0)
        {
            return string.CompareOrdinal(candidate, Normalize(vr, key, upper: false)) >= 0
                && string.CompareOrdinal(candidate, Normalize(vr, key, upper: true)) <= 0;
        }

        var low = key[..dash].Trim();
        var high = key[(dash + 1)..].Trim();
        return (low.Length == 0 || string.CompareOrdinal(candidate, Normalize(vr, low, upper: false)) >= 0)
            && (high.Length == 0 || string.CompareOrdinal(candidate, Normalize(vr, high, upper: true)) <= 0);
    }

    // In DT a '-' may also start a UTC offset "-HHMM" (PS3.5 6.2): a dash followed by exactly four final digits,
    // after more than a year, is an offset; any other dash separates the range.
    private static int RangeSeparator(DicomVR vr, string key)
    {
        for (var dash = key.IndexOf('-', StringComparison.Ordinal); dash >= 0; dash = key.IndexOf('-', dash + 1))
        {
            var rest = key.AsSpan(dash + 1);
            var isOffset = vr == DicomVR.DT && dash > 4 && rest.Length == 4 && !rest.ContainsAnyExceptInRange('0', '9');
            if (!isOffset)
            {
                return dash;
            }
        }

        return -1;
    }

    private static string Normalize(DicomVR vr, string text, bool upper)
    {
        var digits = new System.Text.StringBuilder(21);
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is '+' or '-' && vr == DicomVR.DT)
            {
                break;
            }
        }

        var width = vr switch
        {
            DicomVR.DA => 8,
            DicomVR.TM => 12,
            _ => 20,
        };
        var fill = upper ? '9' : '0';
        if (digits.Length > width)
        {
            digits.Length = width;
        }

        return digits.ToString().PadRight(width, fill);
    }
}

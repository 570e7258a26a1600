namespace Hydra.Dicom.Deidentification;

/// <summary>
/// The clean action (C) for free text (PS3.15 E.3.5 "values of similar meaning known not to contain identifying
/// information"): each value keeps only the words of <see cref="CleanVocabulary"/> and measurements (a number of at
/// most three digits, perhaps with a decimal part, joined to a unit, e.g. "2.5MM", "120KV"), separated by
/// single spaces. Everything else is dropped: names, identifiers, and every bare number, so that no date or part of one
/// ("12.03") survives. The result is never longer than the input.
/// </summary>
internal static class DescriptorCleaner
{
    /// <summary>The cleaned text; values separated by backslash are cleaned one by one when <paramref name="multiValued"/>.</summary>
    public static string Clean(string text, bool multiValued)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!multiValued)
        {
            return CleanValue(text);
        }

        var values = text.Split('\\');
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = CleanValue(values[i]);
        }

        return values.All(v => v.Length == 0) ? string.Empty : string.Join('\\', values);
    }

    private static string CleanValue(string value)
    {
        var kept = new List<string>();
        var span = value.AsSpan();
        var start = -1;
        for (var i = 0; i <= span.Length; i++)
        {
            var inToken = i < span.Length && (char.IsAsciiLetterOrDigit(span[i]) || IsDecimalPoint(span, i, start));
            if (inToken && start < 0)
            {
                start = i;
            }
            else if (!inToken && start >= 0)
            {
                var token = span[start..i];
                if (IsSafe(token))
                {
                    kept.Add(token.ToString());
                }

                start = -1;
            }
        }

        return string.Join(' ', kept);
    }

    // A '.' between two digits belongs to the number ("2.5"); anywhere else it separates words.
    private static bool IsDecimalPoint(ReadOnlySpan<char> span, int i, int start) =>
        span[i] == '.' && start >= 0 && i > 0 && char.IsAsciiDigit(span[i - 1]) && i + 1 < span.Length && char.IsAsciiDigit(span[i + 1]);

    private static bool IsSafe(ReadOnlySpan<char> token)
    {
        if (CleanVocabulary.Contains(token))
        {
            return true;
        }

        var digits = 0;
        while (digits < token.Length && (char.IsAsciiDigit(token[digits]) || token[digits] == '.'))
        {
            digits++;
        }

        if (digits == 0)
        {
            return false;
        }

        var number = token[..digits];
        var whole = number.IndexOf('.') is var dot and >= 0 ? number[..dot] : number;
        var unit = token[digits..];
        return whole.Length is > 0 and <= 3 && number.Length <= 7 && CleanVocabulary.IsUnit(unit);
    }
}

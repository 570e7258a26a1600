using System.Globalization;
using Hydra.Audit;

namespace Hydra.Client.Auditing;

/// <summary>
/// Flags hours in which a subject received shares of unusually many distinct keys (the rule is documented on
/// <see cref="AuditAnalysisOptions"/>). Hours are UTC clock hours, so a burst across an hour boundary counts in two.
/// </summary>
internal static class VolumeDetector
{
    public static IEnumerable<AuditFlag> Detect(IEnumerable<AuditEntry> records, AuditAnalysisOptions options, IdentityLinks links)
    {
        foreach (var subject in records.Where(AuditOperations.IsRelease).GroupBy(r => links.PartyOf(r.Subject)))
        {
            var hours = subject
                .GroupBy(r => HourOf(r.Time))
                .Select(h => (Hour: h.Key, Releases: h.OrderBy(r => r.Time).ToList(), Keys: h.Select(r => r.KeyId).Distinct(StringComparer.Ordinal).Count()))
                .OrderBy(h => h.Hour)
                .ToList();
            var sorted = hours.Select(h => h.Keys).Order().ToArray();
            foreach (var hour in hours)
            {
                var reason = Judge(hour.Keys, sorted, options);
                if (reason is not null)
                {
                    yield return Flag(subject.Key, hour.Hour, hour.Releases, hour.Keys, reason, links);
                }
            }
        }
    }

    /// <summary>
    /// Why <paramref name="keys"/> in one hour is unusual, or null when it is not; <paramref name="allHours"/> holds
    /// the counts of all the subject's active hours, this one included, in ascending order.
    /// </summary>
    private static string? Judge(int keys, int[] allHours, AuditAnalysisOptions options)
    {
        if (keys > options.HourlyKeyLimit)
        {
            return $"more than the limit of {options.HourlyKeyLimit} per hour";
        }

        if (keys < options.MinimumUnusualKeys || allHours.Length - 1 < options.MinimumHistoryHours)
        {
            return null;
        }

        var usual = MedianWithout(allHours, Array.BinarySearch(allHours, keys));
        return keys > options.UsualRateMultiple * usual
            ? $"{(keys / usual).ToString("0.#", CultureInfo.InvariantCulture)} times the subject's usual "
                + $"{usual.ToString("0.#", CultureInfo.InvariantCulture)} per active hour"
            : null;
    }

    /// <summary>The median of ascending <paramref name="sorted"/> without its element at <paramref name="skip"/>, in O(1).</summary>
    private static double MedianWithout(int[] sorted, int skip)
    {
        var count = sorted.Length - 1;
        int At(int i) => sorted[i < skip ? i : i + 1];
        return count % 2 == 1 ? At(count / 2) : (At((count / 2) - 1) + At(count / 2)) / 2.0;
    }

    private static DateTimeOffset HourOf(DateTimeOffset time)
    {
        var utc = time.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    private static string StudiesText(int studies) => studies switch
    {
        0 => string.Empty,
        1 => " of 1 study",
        _ => $" of {studies} studies",
    };

    private static AuditFlag Flag(string subject, DateTimeOffset hour, List<AuditEntry> releases, int keys, string reason, IdentityLinks links)
    {
        var keyIds = releases.Select(r => r.KeyId).Distinct(StringComparer.Ordinal).ToList();
        var studies = keyIds.Select(AuditStudy.Of).Distinct(StringComparer.Ordinal).ToList();
        return new AuditFlag(
            string.Empty,
            AuditFlagKind.UnusualVolume,
            releases[0].Time,
            releases[^1].Time,
            subject,
            string.Join(", ", releases.Select(r => links.PartyOf(r.Delegate)).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal)),
            keyIds.Count == 1 ? keyIds[0] : string.Empty,
            studies.Count == 1 ? studies[0] : string.Empty,
            [.. releases.Select(r => r.NodeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            keys,
            $"shares of {keys} keys{StudiesText(studies.Count(s => s.Length > 0))} released to the subject in the hour from "
            + $"{hour.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)}: {reason}.",
            [.. releases.Select(AuditRecordRef.Of)],
            IdentityLinks.SubjectsOf(releases));
    }
}

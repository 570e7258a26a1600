using Hydra.Audit;
namespace Hydra.Client.Auditing;

/// <summary>
/// Finds reconstructions: M or more distinct nodes releasing shares of one key to one subject within the window.
/// Releases are scanned in time order from each one in turn; a window that reaches M nodes becomes one flag and the
/// scan continues after it, so one fetch (M or N releases seconds apart) is one reconstruction.
/// </summary>
internal static class ReconstructionDetector
{
    public static IEnumerable<AuditFlag> Detect(IEnumerable<AuditEntry> records, int threshold, TimeSpan window, IdentityLinks links)
    {
        // A person's linked principals are one subject: shares fetched with a certificate and with a token add up.
        foreach (var group in records.Where(AuditOperations.IsRelease).GroupBy(r => (r.KeyId, Party: links.PartyOf(r.Subject))))
        {
            var releases = group.OrderBy(r => r.Time).ThenBy(r => r.NodeId, StringComparer.Ordinal).ToList();
            var start = 0;
            while (start < releases.Count)
            {
                var end = start;
                while (end + 1 < releases.Count && releases[end + 1].Time - releases[start].Time <= window)
                {
                    end++;
                }

                var span = releases.GetRange(start, end - start + 1);
                var nodes = span.Select(r => r.NodeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                if (nodes.Count >= threshold)
                {
                    yield return Flag(group.Key.Party, span, nodes, threshold, links);
                    start = end + 1;
                }
                else
                {
                    start++;
                }
            }
        }
    }

    private static string Describe(TimeSpan spread) => spread < TimeSpan.FromSeconds(1)
        ? spread.TotalMilliseconds.ToString("0", System.Globalization.CultureInfo.InvariantCulture) + " ms"
        : spread.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + " s";

    private static AuditFlag Flag(string party, List<AuditEntry> span, List<string> nodes, int threshold, IdentityLinks links)
    {
        var first = span[0];
        var delegates = span.Select(r => links.PartyOf(r.Delegate)).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var spread = span[^1].Time - first.Time;
        var via = delegates.Count == 0 ? string.Empty : $" through {string.Join(", ", delegates)}";
        return new AuditFlag(
            string.Empty,
            AuditFlagKind.Reconstruction,
            first.Time,
            span[^1].Time,
            party,
            string.Join(", ", delegates),
            first.KeyId,
            AuditStudy.Of(first.KeyId),
            nodes,
            span.Count,
            $"{nodes.Count} nodes ({string.Join(", ", nodes)}) released shares of the key to the subject{via} within "
            + $"{Describe(spread)} (M = {threshold}): the subject could rebuild it.",
            [.. span.Select(AuditRecordRef.Of)],
            IdentityLinks.SubjectsOf(span));
    }
}

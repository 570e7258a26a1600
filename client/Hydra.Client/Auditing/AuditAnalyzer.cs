using Hydra.Audit;
namespace Hydra.Client.Auditing;

/// <summary>
/// Looks through merged trails for what an officer must see: reconstructions, delegated access, refusals, unusual
/// volumes and ACL changes. Runs on every record read, not just the selection, so that a window or a filter cannot
/// hide half of a reconstruction or a subject's usual rate.
/// </summary>
internal static class AuditAnalyzer
{
    /// <summary>Every flag, in time order, with ids numbered per kind.</summary>
    /// <param name="links">Whose principals count as one subject; default: none linked.</param>
    public static List<AuditFlag> Analyze(IReadOnlyList<AuditEntry> records, int threshold, AuditAnalysisOptions options, IdentityLinks? links = null)
    {
        links ??= IdentityLinks.None;
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        var flags = ReconstructionDetector.Detect(records, threshold, options.ReconstructionWindow, links)
            .Concat(DelegationDetector.Detect(records, links))
            .Concat(RefusalDetector.Detect(records, links))
            .Concat(VolumeDetector.Detect(records, options, links))
            .Concat(AclChangeDetector.Detect(records, links))
            .OrderBy(f => f.Start)
            .ThenBy(f => f.Kind)
            .ThenBy(f => f.Subject, StringComparer.Ordinal)
            .ThenBy(f => f.KeyId, StringComparer.Ordinal)
            .ToList();
        var numbers = new Dictionary<AuditFlagKind, int>();
        for (var i = 0; i < flags.Count; i++)
        {
            var number = numbers[flags[i].Kind] = numbers.GetValueOrDefault(flags[i].Kind) + 1;
            flags[i] = flags[i] with { Id = Prefix(flags[i].Kind) + number.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        return flags;
    }

    private static string Prefix(AuditFlagKind kind) => kind switch
    {
        AuditFlagKind.Reconstruction => "R",
        AuditFlagKind.DelegatedAccess => "D",
        AuditFlagKind.Refusal => "X",
        AuditFlagKind.AclChange => "A",
        _ => "V",
    };
}

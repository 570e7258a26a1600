using Hydra.Access;
using Hydra.Audit;

namespace Hydra.Bridge.Patients;

/// <summary>
/// Turns the nodes' audit records of a patient's keys into the patient's access log: the share requests of one read
/// (one GetShare record per node, seconds apart at most) become one event, said in plain words.
/// </summary>
internal static class AccessLogMerger
{
    /// <summary>Records of one key, caller and delegate this close to the first of a read count as that read.</summary>
    public static readonly TimeSpan ReadWindow = TimeSpan.FromSeconds(5);

    /// <param name="records">Every node's records of the patient's keys, in any order.</param>
    /// <param name="studyOfKey">The study each of the patient's keys protects an image of.</param>
    /// <param name="patient">The signed-in patient, whose own reads are said as "you".</param>
    public static IReadOnlyList<AccessEvent> Merge(
        IEnumerable<AuditEntry> records, IReadOnlyDictionary<string, string> studyOfKey, PatientPseudonym patient)
    {
        var reads = new List<List<AuditEntry>>();
        var open = new Dictionary<(string Key, string Subject, string Delegate), List<AuditEntry>>();
        foreach (var record in records.Where(r => r.Operation == AuditOperations.GetShare && studyOfKey.ContainsKey(r.KeyId)).OrderBy(r => r.Time))
        {
            var caller = (record.KeyId, record.Subject, record.Delegate);
            if (open.TryGetValue(caller, out var read) && record.Time - read[0].Time <= ReadWindow)
            {
                read.Add(record);
                continue;
            }

            open[caller] = read = [record];
            reads.Add(read);
        }

        return [.. reads.Select(read => Describe(read, studyOfKey, patient)).OrderByDescending(e => e.Time)];
    }

    /// <summary>
    /// One read: released when any node handed out its share (the patient is told of every share that left a node,
    /// even when too few did to rebuild the key); otherwise refused, with the first node's reason.
    /// </summary>
    private static AccessEvent Describe(List<AuditEntry> read, IReadOnlyDictionary<string, string> studyOfKey, PatientPseudonym patient)
    {
        var first = read[0];
        var released = read.Any(r => r.Outcome == AuditEntry.Allowed);
        var reason = released ? null : read.Select(r => r.Reason).FirstOrDefault(r => r.Length > 0);
        return new AccessEvent(
            first.Time.ToUniversalTime(),
            Who(first.Subject, patient),
            first.Fqans,
            first.Delegate.Length == 0 ? "directly" : Who(first.Delegate, patient),
            released,
            studyOfKey[first.KeyId],
            reason);
    }

    /// <summary>A person's or service's name: the CN of a DN, a token's subject and issuer, "you" for the patient.</summary>
    public static string Who(string subject, PatientPseudonym patient)
    {
        if (subject == Principal.ForPatient(patient).Canonical)
        {
            return "you";
        }

        if (subject.StartsWith("patient:", StringComparison.Ordinal))
        {
            return "another patient";
        }

        if (subject.StartsWith("oidc:", StringComparison.Ordinal))
        {
            return TokenSubject.TryParse(subject["oidc:".Length..], out var token, out _) ? $"{token.Subject} (signed in at {token.Issuer})" : subject;
        }

        var cn = subject.LastIndexOf("/CN=", StringComparison.Ordinal);
        return cn < 0 ? subject : subject[(cn + 4)..];
    }
}

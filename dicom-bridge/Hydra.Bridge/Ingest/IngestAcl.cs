using Hydra.Access;
using Hydra.Bridge.Options;

namespace Hydra.Bridge.Ingest;

/// <summary>
/// The ACL each sender's images get: the sender's own rules, else the default rules (parsed once), and the image's
/// patient's own grant (<c>Bridge:Patients:Grant</c>) on top.
/// </summary>
internal sealed class IngestAcl
{
    private readonly SenderAcl _default;
    private readonly Dictionary<string, SenderAcl> _bySource;
    private readonly BridgePatientOptions _patients;

    public IngestAcl(BridgeOptions options)
    {
        _default = new SenderAcl(options.DefaultAcl, ParseAll(options.DefaultAcl));
        _bySource = options.Sources
            .Where(s => s.Value.Acl.Count > 0)
            .ToDictionary(s => s.Key, s => new SenderAcl(s.Value.Acl, ParseAll(s.Value.Acl)), StringComparer.Ordinal);
        Quarantine = ParseAll(options.QuarantineAcl);
        _patients = options.Patients;
    }

    /// <summary>The ACL of quarantined originals (never a patient's grant: an original names the patient).</summary>
    public IReadOnlyList<AclEntry> Quarantine { get; }

    /// <summary>The sender's rules alone: the same instance for every image of the sender, so keys can be pooled per ACL.</summary>
    public SenderAcl For(string source) => _bySource.GetValueOrDefault(source) ?? _default;

    /// <summary>
    /// The rules of one image of <paramref name="patientPseudonym"/> from <paramref name="source"/>: the sender's, and
    /// the patient's grant when patients get one (then the ACL is the patient's own, <see cref="SenderAcl.Patient"/>).
    /// </summary>
    public SenderAcl For(string source, string patientPseudonym)
    {
        var sender = For(source);
        if (!PatientPseudonym.TryParse(patientPseudonym, out var patient, out _) || _patients.GrantFor(patient) is not { } grant)
        {
            return sender;
        }

        return new SenderAcl([.. sender.Rules, grant.ToRule()], [.. sender.Entries, grant]) { Patient = patient };
    }

    /// <summary>Rules in their text form (<c>PRINCIPAL=PERMS</c>, <c>!</c> for a deny), as configured and catalogued.</summary>
    public static IReadOnlyList<AclEntry> ParseAll(IEnumerable<string> rules) => [.. rules.Select(AclEntry.ParseRule)];

    /// <summary>One sender's rules as configured (catalogued) and as keystore entries (registered).</summary>
    public sealed record SenderAcl(IReadOnlyList<string> Rules, IReadOnlyList<AclEntry> Entries)
    {
        /// <summary>The patient whose grant these rules hold, or null for a sender's rules shared by all its images.</summary>
        public PatientPseudonym? Patient { get; init; }
    }
}

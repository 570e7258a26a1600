using Hydra.Access;
using Hydra.Bridge.Options;

namespace Hydra.Bridge.Ingest;

/// <summary>The ACL each sender's images get: the sender's own rules, else the default rules (parsed once).</summary>
internal sealed class IngestAcl
{
    private readonly SenderAcl _default;
    private readonly Dictionary<string, SenderAcl> _bySource;

    public IngestAcl(BridgeOptions options)
    {
        _default = new SenderAcl(options.DefaultAcl, ParseAll(options.DefaultAcl));
        _bySource = options.Sources
            .Where(s => s.Value.Acl.Count > 0)
            .ToDictionary(s => s.Key, s => new SenderAcl(s.Value.Acl, ParseAll(s.Value.Acl)), StringComparer.Ordinal);
        Quarantine = ParseAll(options.QuarantineAcl);
    }

    /// <summary>The ACL of quarantined originals.</summary>
    public IReadOnlyList<AclEntry> Quarantine { get; }

    public SenderAcl For(string source) => _bySource.GetValueOrDefault(source) ?? _default;

    /// <summary>Rules in their text form (<c>PRINCIPAL=PERMS</c>, <c>!</c> for a deny), as configured and catalogued.</summary>
    public static IReadOnlyList<AclEntry> ParseAll(IEnumerable<string> rules) => [.. rules.Select(AclEntry.ParseRule)];

    /// <summary>One sender's rules as configured (catalogued) and as keystore entries (registered).</summary>
    public sealed record SenderAcl(IReadOnlyList<string> Rules, IReadOnlyList<AclEntry> Entries);
}

using System.Collections.Concurrent;
using Hydra.Access;
using Hydra.Bridge.Storage;
using Hydra.Grid;
using Hydra.Hosting;

namespace Hydra.Bridge.Readers;

/// <summary>
/// Which catalogued images a reader may expect to open: the keystore's own evaluator over the rules each image's key was
/// registered with, the bridge (which registered every key) as their owner. The nodes decide for real when a key is
/// fetched; this keeps listings and queries to what the reader can open.
/// </summary>
internal sealed class CatalogAccess
{
    /// <summary>Distinct rule sets kept parsed; images of one sender share one set, so few exist.</summary>
    private const int MaxCachedRuleSets = 1024;

    private readonly Principal _owner;
    private readonly ConcurrentDictionary<string, IReadOnlyList<AclEntry>> _parsed = new(StringComparer.Ordinal);

    public CatalogAccess(GridHost host)
    {
        _owner = Principal.ForSubject(DistinguishedName.FromX509Name(host.Credential.Leaf.SubjectDN));
    }

    public bool MayRead(CatalogEntry entry, CallerIdentity reader) => MayGet(entry.Acl, reader);

    /// <summary>Whether <paramref name="rules"/> (stored ACL rules, e.g. Bridge:QuarantineAcl) would let <paramref name="caller"/> get the key.</summary>
    public bool MayGet(IReadOnlyList<string> rules, CallerIdentity caller)
    {
        var acl = new KeyAcl(_owner, Parse(rules), 0);
        return AccessEvaluator.Evaluate(caller, acl, isAdministrator: false).HasFlag(KeyPermissions.GetShare);
    }

    private IReadOnlyList<AclEntry> Parse(IReadOnlyList<string> rules)
    {
        var key = string.Join('\n', rules);
        if (_parsed.TryGetValue(key, out var parsed))
        {
            return parsed;
        }

        // Catalog rules were checked when the image was ingested, possibly by an older, more lenient version.
        parsed = [.. rules.Select(AclEntry.ParseStoredRule)];
        if (_parsed.Count >= MaxCachedRuleSets)
        {
            _parsed.Clear();
        }

        _parsed[key] = parsed;
        return parsed;
    }
}

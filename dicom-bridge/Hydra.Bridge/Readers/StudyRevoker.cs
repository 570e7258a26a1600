using Hydra.Access;
using Hydra.Bridge.Contract;
using Hydra.Bridge.Storage;
using Hydra.Cluster;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Readers;

/// <summary>
/// Revokes a principal's access to a study: a deny entry on every key of the study, on every node (the bridge owns
/// the keys it registered), and in the catalog's recorded rules, so listings stop offering the study too.
/// </summary>
internal sealed class StudyRevoker
{
    private readonly BridgeStore _store;
    private readonly KeystoreCluster _cluster;

    public StudyRevoker(BridgeStore store, KeystoreCluster cluster)
    {
        _store = store;
        _cluster = cluster;
    }

    public async Task<RevokeResult> RevokeAsync(string studyInstanceUid, string principal, CancellationToken cancellationToken)
    {
        var deny = new AclEntry(Principal.Parse(principal), KeyPermissions.GetShare, Deny: true);
        var entries = _store.StudyEntries(studyInstanceUid).ToList();
        var incomplete = new List<string>();
        var updated = new List<CatalogEntry>();
        foreach (var entry in entries)
        {
            var keyId = KeyId.Parse(entry.KeyId);
            var current = await _cluster.GetAclAsync(keyId, cancellationToken);
            var rules = current.Acl!.Entries.Where(e => e != deny).Append(deny).ToList();
            var report = await _cluster.SetAclAsync(keyId, rules, cancellationToken);
            if (!report.Consistent)
            {
                incomplete.Add(entry.KeyId);
            }

            updated.Add(entry with { Acl = [.. entry.Acl.Where(r => r != deny.ToRule()).Append(deny.ToRule())] });
        }

        await _store.UpdateAclAsync(updated, cancellationToken);
        return new RevokeResult(studyInstanceUid, principal, entries.Count, incomplete);
    }
}

using Hydra.Access;
using Hydra.Bridge.Contract;
using Hydra.Bridge.Storage;
using Hydra.Cluster;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Readers;

/// <summary>
/// Denies principals the keys of a study: a deny entry on every key, on every node, and in the catalog's recorded
/// rules, so listings stop offering the study too. A curator's revocation is made as the bridge (which owns the keys it
/// registered); a patient's withdrawal is made as the patient, so the nodes check that the keys are theirs and that the
/// change only adds denies, and audit the patient with the bridge as delegate.
/// </summary>
internal sealed class StudyRevoker
{
    private readonly IBridgeStore _store;
    private readonly KeystoreCluster _cluster;

    public StudyRevoker(IBridgeStore store, KeystoreCluster cluster)
    {
        _store = store;
        _cluster = cluster;
    }

    /// <summary>A curator's revocation of <paramref name="principal"/>'s get-share on every key of the study, as the bridge.</summary>
    public async Task<RevokeResult> RevokeAsync(string studyInstanceUid, string principal, CancellationToken cancellationToken)
    {
        var entries = await _store.StudyEntriesAsync(studyInstanceUid, cancellationToken);
        var incomplete = await DenyAsync(entries, [Deny(principal)], _cluster, cancellationToken);
        return new RevokeResult(studyInstanceUid, principal, entries.Count, incomplete);
    }

    /// <summary>
    /// A patient's withdrawal: <paramref name="principals"/> denied get-share on <paramref name="entries"/> (the
    /// patient's images of one study), read and written through <see cref="KeystoreCluster.OnBehalfOfPatient"/>.
    /// Returns the keys whose ACL some node did not take.
    /// </summary>
    /// <exception cref="ClusterException">No node took the change of a key; the keys done before stay denied.</exception>
    public Task<List<string>> WithdrawAsync(
        PatientPseudonym patient, IReadOnlyList<CatalogEntry> entries, IEnumerable<string> principals, CancellationToken cancellationToken) =>
        DenyAsync(entries, [.. principals.Select(Deny)], _cluster.OnBehalfOfPatient(patient), cancellationToken);

    private static AclEntry Deny(string principal) => new(Principal.Parse(principal), KeyPermissions.GetShare, Deny: true);

    /// <summary>Adds <paramref name="denies"/> to each key's ACL through <paramref name="cluster"/>; returns the keys some node did not take.</summary>
    private async Task<List<string>> DenyAsync(
        IReadOnlyList<CatalogEntry> entries, IReadOnlyList<AclEntry> denies, KeystoreCluster cluster, CancellationToken cancellationToken)
    {
        var rules = denies.Select(d => d.ToRule()).ToList();
        var incomplete = new List<string>();
        var updated = new List<CatalogEntry>();
        foreach (var entry in entries)
        {
            var keyId = KeyId.Parse(entry.KeyId);
            var current = await cluster.GetAclAsync(keyId, cancellationToken);
            var report = await cluster.SetAclAsync(keyId, [.. current.Acl!.Entries.Where(e => !denies.Contains(e)), .. denies], cancellationToken);
            if (!report.Consistent)
            {
                incomplete.Add(entry.KeyId);
            }

            updated.Add(entry with { Acl = [.. entry.Acl.Where(r => !rules.Contains(r, StringComparer.Ordinal)), .. rules] });
        }

        await _store.UpdateAclAsync(updated, cancellationToken);
        return incomplete;
    }
}

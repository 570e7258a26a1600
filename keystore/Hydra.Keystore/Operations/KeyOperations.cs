using Hydra.Access;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Security;
using Hydra.Keystore.Storage;
using Hydra.Sharing;

namespace Hydra.Keystore.Operations;

/// <summary>
/// What the node does for each API operation on one key, evaluated on the writer thread against the current state.
/// Refusals are <see cref="KeystoreException"/>s whose messages name the reason for the caller and the audit trail.
/// </summary>
internal sealed class KeyOperations
{
    private readonly NodeRoles _roles;
    private readonly TlsCredential _hostCredential;

    /// <param name="roles">The node's roles.</param>
    /// <param name="hostCredential">The node's host credential (from its grid host): it opens envelopes sealed to this node.</param>
    public KeyOperations(NodeRoles roles, TlsCredential hostCredential)
    {
        _roles = roles;
        _hostCredential = hostCredential;
    }

    public NodeRoles Roles => _roles;

    /// <summary>Validates and normalises a key id from a request.</summary>
    public static string RequireKeyId(string keyId)
    {
        if (!KeyId.TryParse(keyId, out var parsed))
        {
            throw new KeystoreException(
                KeystoreError.InvalidArgument,
                $"Key id '{Truncate(keyId)}' is invalid: use 1-{KeyId.MaxLength} characters of letters, digits, '.', '_', ':' or '-'.");
        }

        return parsed.Value;
    }

    public RegistrationResult Register(StoreTransaction transaction, CallerIdentity caller, string keyId, byte[] envelopeBytes, IReadOnlyList<AclEntry> acl)
    {
        RequireFullCredential(caller, "register keys");
        if (!_roles.IsCreator(caller))
        {
            throw Denied($"{caller.SubjectText} is not allowed to register keys on this node.");
        }

        ValidateEnvelope(keyId, envelopeBytes);
        var existing = transaction.FindKey(keyId);
        if (existing is not null)
        {
            if (transaction.OpenEnvelope(existing).AsSpan().SequenceEqual(envelopeBytes))
            {
                return RegistrationResult.AlreadyPresent;
            }

            throw new KeystoreException(
                KeystoreError.AlreadyExists, $"Key '{keyId}' already holds a different share on this node; shares are never replaced.");
        }

        var record = new KeyRecord(
            keyId, transaction.Seal(keyId, envelopeBytes), Sealed: true, new KeyAcl(caller.Principal, acl, 1), transaction.Now, caller.SubjectText);
        transaction.PutKey(record);
        return RegistrationResult.Stored;
    }

    public byte[] GetShare(StoreTransaction transaction, CallerIdentity caller, string keyId)
    {
        var key = RequireKey(transaction, keyId);
        if (_roles.IsAdministrator(caller))
        {
            throw Denied($"{caller.SubjectText} holds the administrator role, which never receives shares.");
        }

        Require(caller, key, KeyPermissions.GetShare, "get the share of");
        return transaction.OpenEnvelope(key);
    }

    public void Delete(StoreTransaction transaction, CallerIdentity caller, string keyId)
    {
        RequireFullCredential(caller, "delete keys");
        var key = RequireKey(transaction, keyId);
        Require(caller, key, KeyPermissions.Delete, "delete");
        transaction.DeleteKey(keyId);
    }

    public KeyAcl GetAcl(StoreTransaction transaction, CallerIdentity caller, string keyId)
    {
        if (caller.Patient is not null)
        {
            // A patient reads the ACL of their own keys: who may open their images, and what a withdrawal changes.
            return RequirePatientKey(transaction, caller, keyId, "read the ACL of").Acl;
        }

        var key = RequireKey(transaction, keyId);
        Require(caller, key, KeyPermissions.ReadAcl, "read the ACL of");
        return key.Acl;
    }

    public AclChange SetAcl(StoreTransaction transaction, CallerIdentity caller, string keyId, IReadOnlyList<AclEntry> entries, long expectedVersion)
    {
        RequireFullCredential(caller, "change ACLs");
        KeyRecord key;
        if (caller.Patient is not null)
        {
            key = RequirePatientWithdrawal(transaction, caller, keyId, entries);
        }
        else
        {
            key = RequireKey(transaction, keyId);
            var asUser = AccessEvaluator.Evaluate(caller, key.Acl, isAdministrator: false);
            if ((asUser & KeyPermissions.WriteAcl) == 0)
            {
                if (!_roles.IsAdministrator(caller))
                {
                    throw Denied($"{caller.SubjectText} may not change the ACL of key '{keyId}'.");
                }

                if (!AccessEvaluator.OnlyRestricts(key.Acl.Entries, entries))
                {
                    throw Denied($"{caller.SubjectText} administers this node and may only restrict ACLs: the change to key '{keyId}' would widen access.");
                }
            }
        }

        if (expectedVersion != 0 && expectedVersion != key.Acl.Version)
        {
            throw new KeystoreException(
                KeystoreError.FailedPrecondition,
                $"The ACL of key '{keyId}' is at version {key.Acl.Version}, not {expectedVersion}; read it again and retry.");
        }

        var acl = key.Acl with { Entries = entries, Version = key.Acl.Version + 1 };
        transaction.PutKey(key with { Acl = acl });
        return new AclChange(acl, AclChange.Summarize(key.Acl.Entries, entries));
    }

    /// <summary>
    /// The key a patient (through a patient delegate) withdraws access to: one whose current ACL gives the patient
    /// get-share, changed only by adding get-share denies with every current entry kept. That is all a withdrawal of
    /// research access needs; removing entries (even allows, which <see cref="AccessEvaluator.OnlyRestricts"/> would
    /// accept) could cut off the clinicians or the patient.
    /// </summary>
    private KeyRecord RequirePatientWithdrawal(StoreTransaction transaction, CallerIdentity caller, string keyId, IReadOnlyList<AclEntry> entries)
    {
        // Every entry kept and only get-share denies added: that can only restrict (deny wins), so it needs no
        // further AccessEvaluator.OnlyRestricts check.
        var key = RequirePatientKey(transaction, caller, keyId, "change the ACL of");
        var onlyAddsDenies = key.Acl.Entries.All(entries.Contains)
            && entries.Except(key.Acl.Entries).All(e => e.Deny && e.Permissions == KeyPermissions.GetShare);
        if (!onlyAddsDenies)
        {
            throw Denied($"{caller.SubjectText} may only add get-share denies to the ACL of key '{keyId}' (withdraw access); the change would remove or widen entries.");
        }

        return key;
    }

    /// <summary>
    /// The key whose audit records a patient may read: one the query names and whose current ACL gives the patient
    /// get-share ("who opened my images"). An unknown key is refused like a forbidden one, so a patient learns nothing
    /// about keys that are not theirs.
    /// </summary>
    public string RequirePatientAudit(StoreTransaction transaction, CallerIdentity caller, string keyId)
    {
        if (keyId.Length == 0)
        {
            throw Denied($"{caller.SubjectText} reads the audit records of one key at a time: name the key (key_id).");
        }

        return RequirePatientKey(transaction, caller, RequireKeyId(keyId), "read the audit records of").KeyId;
    }

    /// <summary>
    /// A key of the patient's: one whose current ACL gives them get-share. An unknown key is refused like a forbidden
    /// one, so a patient learns nothing about keys that are not theirs.
    /// </summary>
    private KeyRecord RequirePatientKey(StoreTransaction transaction, CallerIdentity caller, string keyId, string action) =>
        transaction.FindKey(keyId) is { } key && (PermissionsOf(caller, key) & KeyPermissions.GetShare) != 0
            ? key
            : throw Denied($"{caller.SubjectText} may not {action} key '{keyId}': its ACL does not let them get its share.");

    /// <summary>The caller's permissions on a key, counting the administrator role.</summary>
    public KeyPermissions PermissionsOf(CallerIdentity caller, KeyRecord key) =>
        AccessEvaluator.Evaluate(caller, key.Acl, _roles.IsAdministrator(caller));

    private void Require(CallerIdentity caller, KeyRecord key, KeyPermissions needed, string action)
    {
        if ((PermissionsOf(caller, key) & needed) == 0)
        {
            throw Denied($"{caller.SubjectText} may not {action} key '{key.KeyId}'.");
        }
    }

    private static KeyRecord RequireKey(StoreTransaction transaction, string keyId) =>
        transaction.FindKey(keyId)
        ?? throw new KeystoreException(KeystoreError.NotFound, $"Key '{keyId}' is not registered on this node.");

    private static void RequireFullCredential(CallerIdentity caller, string action)
    {
        if (caller.IsLimited)
        {
            throw Denied($"A limited proxy may not {action}; use a full proxy or the end-entity certificate.");
        }
    }

    private static void ValidateEnvelope(string keyId, byte[] envelopeBytes)
    {
        ShareEnvelope envelope;
        try
        {
            envelope = ShareEnvelope.Parse(envelopeBytes);
        }
        catch (ShareException ex)
        {
            throw new KeystoreException(KeystoreError.InvalidArgument, $"The share envelope for key '{keyId}' is malformed: {ex.Message}");
        }

        if (envelope.KeyId.Value != keyId)
        {
            throw new KeystoreException(
                KeystoreError.InvalidArgument, $"The share envelope belongs to key '{envelope.KeyId}', not '{keyId}'.");
        }
    }

    /// <summary>The envelope of a registration: given as is, or sealed to this node's host certificate.</summary>
    public byte[] EnvelopeOf(string keyId, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> sealedEnvelope)
    {
        if (sealedEnvelope.IsEmpty)
        {
            return envelope.ToArray();
        }

        if (!envelope.IsEmpty)
        {
            throw new KeystoreException(KeystoreError.InvalidArgument, $"Key '{keyId}': send either an envelope or a sealed envelope, not both.");
        }

        try
        {
            return SealedEnvelopes.Open(sealedEnvelope, _hostCredential.Leaf, _hostCredential.PrivateKey);
        }
        catch (ShareException ex)
        {
            throw new KeystoreException(KeystoreError.InvalidArgument, $"Key '{keyId}': {ex.Message}");
        }
    }

    private static KeystoreException Denied(string message) => new(KeystoreError.PermissionDenied, message);

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "...";
}

using Google.Protobuf.Collections;
using Hydra.Access;
using ProtoAcl = Hydra.Keystore.V1.Acl;
using ProtoAclEntry = Hydra.Keystore.V1.AclEntry;

namespace Hydra.Keystore.Contract.Mapping;

/// <summary>ACLs: entries checked by the ACL language's own parser (<see cref="AclInput"/>) on both sides.</summary>
public static partial class ProtoMapping
{
    public static ProtoAcl ToProto(KeyAcl acl)
    {
        ArgumentNullException.ThrowIfNull(acl);
        var message = new ProtoAcl { Owner = acl.OwnerText, Version = (ulong)acl.Version };
        AddEntries(message.Entries, acl.Entries);
        return message;
    }

    /// <summary>Adds <paramref name="entries"/> to a message's repeated ACL field.</summary>
    public static void AddEntries(RepeatedField<ProtoAclEntry> field, IEnumerable<AclEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(entries);
        field.AddRange(entries.Select(e => new ProtoAclEntry
        {
            Principal = e.Principal.Canonical,
            Permissions = (uint)e.Permissions,
            Deny = e.Deny,
        }));
    }

    /// <summary>Reads ACL entries; the exception names the first entry that breaks the ACL language.</summary>
    public static IReadOnlyList<AclEntry> FromProto(IEnumerable<ProtoAclEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        try
        {
            return AclInput.Parse([.. entries.Select(e => (e.Principal, e.Permissions, e.Deny))]);
        }
        catch (FormatException ex)
        {
            throw new MalformedMessageException(ex.Message, ex);
        }
    }

    /// <summary>Reads a key's ACL as a node holds it.</summary>
    public static KeyAcl FromProto(ProtoAcl? acl)
    {
        if (acl is null)
        {
            throw new MalformedMessageException("The answer holds no ACL.");
        }

        Principal owner;
        try
        {
            owner = KeyAcl.ParseOwner(acl.Owner);
        }
        catch (FormatException ex)
        {
            throw new MalformedMessageException(
                $"The ACL's owner '{Truncate(Principal.Printable(acl.Owner))}' is neither a distinguished name nor a token subject: {ex.Message}", ex);
        }

        return acl.Version > long.MaxValue
            ? throw new MalformedMessageException($"The ACL's version {acl.Version} is out of range.")
            : new KeyAcl(owner, FromProto(acl.Entries), (long)acl.Version);
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "...";
}

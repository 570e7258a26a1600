using Hydra.Audit;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Mapping;
using Hydra.Keystore.V1;
using ProtoAclEntry = Hydra.Keystore.V1.AclEntry;

namespace Hydra.Keystore.Services;

/// <summary>Reads the parts of requests that the contract's mapping checks; a malformed part is the caller's error.</summary>
internal static class Requests
{
    public static IReadOnlyList<Access.AclEntry> Acl(IEnumerable<ProtoAclEntry> entries) => Read(() => ProtoMapping.FromProto(entries));

    public static SignedCheckpoint Checkpoint(AuditCheckpoint? checkpoint) => Read(() => ProtoMapping.FromProto(checkpoint));

    private static T Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (MalformedMessageException ex)
        {
            throw new KeystoreException(KeystoreError.InvalidArgument, ex.Message, ex);
        }
    }
}

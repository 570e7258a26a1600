using Grpc.Core;
using Hydra.Access;
using Hydra.Keystore.V1;

namespace Hydra.Keystore.Contract.Mapping;

/// <summary>Callers, per-item statuses of batch calls and key listings.</summary>
public static partial class ProtoMapping
{
    public static Caller ToProto(CallerIdentity caller, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(roles);
        var message = new Caller
        {
            Subject = caller.SubjectText,
            Issuer = caller.Issuer.ToString(),
            ProxyDepth = caller.ProxyDepth,
            Limited = caller.IsLimited,
        };
        message.Fqans.AddRange(caller.FqanTexts);
        message.Roles.AddRange(roles);
        return message;
    }

    public static CallerInfo FromProto(Caller? caller) =>
        caller is null
            ? throw new MalformedMessageException("The node's answer does not say who it took the caller to be.")
            : new CallerInfo(caller.Subject, caller.Issuer, [.. caller.Fqans], caller.ProxyDepth, caller.Limited, [.. caller.Roles]);

    /// <summary>The status of a batch item that succeeded.</summary>
    public static ItemStatus Ok() => new() { Code = (int)StatusCode.OK };

    /// <summary>The status of a batch item that was refused or failed.</summary>
    public static ItemStatus ToStatus(KeystoreError error, string message) =>
        new() { Code = (int)KeystoreStatusCodes.Map(error), Message = message };

    /// <summary>The gRPC code of a batch item's status; a missing status breaks the contract.</summary>
    public static StatusCode CodeOf(ItemStatus? status) =>
        status is null
            ? throw new MalformedMessageException("A batch item carries no status.")
            : (StatusCode)status.Code;

    public static KeyListing FromProto(ListKeysResponse.Types.Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if ((item.Permissions & ~(uint)KeyPermissions.All) != 0)
        {
            throw new MalformedMessageException($"Key '{item.KeyId}' is listed with unknown permission bits 0x{item.Permissions:X}.");
        }

        return new KeyListing(item.KeyId, item.Owner, (KeyPermissions)item.Permissions, RequireTime(item.Created, $"Listed key '{item.KeyId}'"));
    }
}

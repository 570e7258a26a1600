using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hydra.Access;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Mapping;
using Hydra.Keystore.Operations;
using Hydra.Keystore.Storage;
using Hydra.Keystore.V1;

namespace Hydra.Keystore.Services;

/// <summary>ACL reads and changes, and listing the keys a caller may see.</summary>
internal sealed partial class KeystoreService
{
    private const int DefaultListLimit = 1000;
    private const int MaxListLimit = 10_000;
    private const int MaxKeysExaminedPerPage = 100_000;

    public override async Task<GetAclResponse> GetAcl(GetAclRequest request, ServerCallContext context)
    {
        const string Operation = "GetAcl";
        var caller = await _callers.ResolveAsync(context, Operation, request.KeyId);
        var acl = await _store.ExecuteAsync(
            transaction => transaction.RunAudited(new AuditContext(caller, Operation, AuditText.KeyId(request.KeyId)), () =>
                _operations.GetAcl(transaction, caller, KeyOperations.RequireKeyId(request.KeyId))),
            context.CancellationToken);
        return new GetAclResponse { KeyId = request.KeyId, Acl = ProtoMapping.ToProto(acl) };
    }

    public override async Task<SetAclResponse> SetAcl(SetAclRequest request, ServerCallContext context)
    {
        const string Operation = "SetAcl";
        var caller = await _callers.ResolveAsync(context, Operation, request.KeyId);
        // An allowed change records what changed in its reason, so the trail says more than "SetAcl allowed".
        var change = await _store.ExecuteAsync(
            transaction => transaction.RunAudited(
                new AuditContext(caller, Operation, AuditText.KeyId(request.KeyId)),
                () =>
                {
                    var keyId = KeyOperations.RequireKeyId(request.KeyId);
                    var entries = Requests.Acl(request.Entries);
                    return _operations.SetAcl(transaction, caller, keyId, entries, (long)request.ExpectedVersion);
                },
                done => done.Summary),
            context.CancellationToken);
        return new SetAclResponse { Acl = ProtoMapping.ToProto(change.Acl) };
    }

    public override async Task<ListKeysResponse> ListKeys(ListKeysRequest request, ServerCallContext context)
    {
        const string Operation = "ListKeys";
        var caller = await _callers.ResolveAsync(context, Operation, request.Prefix);
        var limit = request.Limit switch
        {
            0 => DefaultListLimit,
            < 0 or > MaxListLimit => throw new KeystoreException(
                KeystoreError.InvalidArgument, $"A listing limit must be 1-{MaxListLimit}; {request.Limit} was given."),
            _ => request.Limit,
        };
        await _store.ExecuteAsync(
            transaction => transaction.RunAudited(new AuditContext(caller, Operation, AuditText.KeyId(request.Prefix)), () => true),
            context.CancellationToken);

        var response = new ListKeysResponse();
        var examined = 0;
        string? lastExamined = null;
        foreach (var key in _store.ListKeys(request.Prefix, request.After))
        {
            if (response.Items.Count == limit || examined == MaxKeysExaminedPerPage)
            {
                response.NextAfter = lastExamined ?? string.Empty;
                break;
            }

            examined++;
            lastExamined = key.KeyId;
            var permissions = _operations.PermissionsOf(caller, key);
            if ((permissions & (KeyPermissions.GetShare | KeyPermissions.ReadAcl)) != 0)
            {
                response.Items.Add(new ListKeysResponse.Types.Item
                {
                    KeyId = key.KeyId,
                    Owner = key.Acl.OwnerText,
                    Permissions = (uint)permissions,
                    Created = Timestamp.FromDateTimeOffset(key.Created),
                });
            }
        }

        return response;
    }
}

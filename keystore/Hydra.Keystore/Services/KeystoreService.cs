using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Hydra.Access;
using Hydra.Keystore.Auditing;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Mapping;
using Hydra.Keystore.Hosting;
using Hydra.Keystore.Operations;
using Hydra.Keystore.Options;
using Hydra.Keystore.Storage;
using Hydra.Keystore.V1;
using Microsoft.Extensions.Options;

namespace Hydra.Keystore.Services;

/// <summary>
/// The gRPC face of a keystore node: authenticates the caller, runs the operation on the store's writer (which
/// audits it in the same durable commit) and maps the outcome to the API's messages.
/// </summary>
internal sealed partial class KeystoreService : V1.Keystore.KeystoreBase
{
    /// <summary>Most items in one batch call.</summary>
    public const int MaxBatchItems = 10_000;

    private readonly KeystoreStore _store;
    private readonly KeyOperations _operations;
    private readonly CallerResolver _callers;
    private readonly KeystoreOptions _options;
    private readonly TimeProvider _time;
    private readonly CheckpointWitness _witness;

    public KeystoreService(
        KeystoreStore store,
        KeyOperations operations,
        CallerResolver callers,
        CheckpointWitness witness,
        IOptions<KeystoreOptions> options,
        TimeProvider time)
    {
        _witness = witness;
        _store = store;
        _operations = operations;
        _callers = callers;
        _options = options.Value;
        _time = time;
    }

    public override async Task<NodeInfo> GetNodeInfo(GetNodeInfoRequest request, ServerCallContext context)
    {
        const string Operation = "GetNodeInfo";
        var caller = await _callers.ResolveAsync(context, Operation, string.Empty);
        await _store.ExecuteAsync(
            transaction => transaction.RunAudited(new AuditContext(caller, Operation, string.Empty), () => true),
            context.CancellationToken);
        var (length, hash) = _store.AuditHead;
        return new NodeInfo
        {
            NodeId = _options.NodeId,
            Version = typeof(KeystoreService).Assembly.GetName().Version?.ToString() ?? "0.0.0",
            Caller = ProtoMapping.ToProto(caller, _operations.Roles.RolesOf(caller)),
            KeyCount = _store.KeyCount,
            AuditLength = length,
            AuditHead = Convert.ToHexStringLower(hash.Span),
            Time = Timestamp.FromDateTimeOffset(_time.GetUtcNow()),
        };
    }

    public override async Task<RegisterShareResponse> RegisterShare(RegisterShareRequest request, ServerCallContext context)
    {
        var share = request.Share ?? new ShareRegistration();
        var caller = await _callers.ResolveAsync(context, "RegisterShare", share.KeyId);
        var result = await _store.ExecuteAsync(transaction => RegisterOne(transaction, caller, share), context.CancellationToken);
        return new RegisterShareResponse { AlreadyPresent = result == RegistrationResult.AlreadyPresent };
    }

    public override async Task<RegisterSharesResponse> RegisterShares(RegisterSharesRequest request, ServerCallContext context)
    {
        RequireBatchSize(request.Shares.Count);
        var caller = await _callers.ResolveAsync(context, "RegisterShares", string.Empty);
        var items = await _store.ExecuteAsync(
            transaction => request.Shares.Select(share => RegisterItem(transaction, caller, share)).ToList(),
            context.CancellationToken);
        var response = new RegisterSharesResponse();
        response.Items.AddRange(items);
        return response;
    }

    private RegistrationResult RegisterOne(StoreTransaction transaction, CallerIdentity caller, ShareRegistration share) =>
        transaction.RunAudited(new AuditContext(caller, "RegisterShare", AuditText.KeyId(share.KeyId)), () =>
        {
            var keyId = KeyOperations.RequireKeyId(share.KeyId);
            var acl = Requests.Acl(share.Acl);
            var envelope = _operations.EnvelopeOf(keyId, share.Envelope.Span, share.SealedEnvelope.Span);
            return _operations.Register(transaction, caller, keyId, envelope, acl);
        });

    private RegisterSharesResponse.Types.Item RegisterItem(StoreTransaction transaction, CallerIdentity caller, ShareRegistration share)
    {
        try
        {
            var result = RegisterOne(transaction, caller, share);
            return new() { KeyId = share.KeyId, Status = ProtoMapping.Ok(), AlreadyPresent = result == RegistrationResult.AlreadyPresent };
        }
        catch (KeystoreException refusal)
        {
            return new() { KeyId = share.KeyId, Status = ProtoMapping.ToStatus(refusal.Error, refusal.Message) };
        }
    }

    public override async Task<GetShareResponse> GetShare(GetShareRequest request, ServerCallContext context)
    {
        var caller = await _callers.ResolveAsync(context, "GetShare", request.KeyId);
        var envelope = await _store.ExecuteAsync(transaction => GetOne(transaction, caller, request.KeyId), context.CancellationToken);
        return new GetShareResponse { KeyId = request.KeyId, Envelope = ByteString.CopyFrom(envelope) };
    }

    public override async Task<GetSharesResponse> GetShares(GetSharesRequest request, ServerCallContext context)
    {
        RequireBatchSize(request.KeyIds.Count);
        var caller = await _callers.ResolveAsync(context, "GetShares", string.Empty);
        var items = await _store.ExecuteAsync(
            transaction => request.KeyIds.Select(keyId => GetItem(transaction, caller, keyId)).ToList(),
            context.CancellationToken);
        var response = new GetSharesResponse();
        response.Items.AddRange(items);
        return response;
    }

    private byte[] GetOne(StoreTransaction transaction, CallerIdentity caller, string keyId) =>
        transaction.RunAudited(new AuditContext(caller, "GetShare", AuditText.KeyId(keyId)), () =>
            _operations.GetShare(transaction, caller, KeyOperations.RequireKeyId(keyId)));

    private GetSharesResponse.Types.Item GetItem(StoreTransaction transaction, CallerIdentity caller, string keyId)
    {
        try
        {
            var envelope = GetOne(transaction, caller, keyId);
            return new() { KeyId = keyId, Status = ProtoMapping.Ok(), Envelope = ByteString.CopyFrom(envelope) };
        }
        catch (KeystoreException refusal)
        {
            return new() { KeyId = keyId, Status = ProtoMapping.ToStatus(refusal.Error, refusal.Message) };
        }
    }

    public override async Task<DeleteKeyResponse> DeleteKey(DeleteKeyRequest request, ServerCallContext context)
    {
        const string Operation = "DeleteKey";
        var caller = await _callers.ResolveAsync(context, Operation, request.KeyId);
        await _store.ExecuteAsync(
            transaction => transaction.RunAudited(new AuditContext(caller, Operation, AuditText.KeyId(request.KeyId)), () =>
            {
                _operations.Delete(transaction, caller, KeyOperations.RequireKeyId(request.KeyId));
                return true;
            }),
            context.CancellationToken);
        return new DeleteKeyResponse();
    }

    private static void RequireBatchSize(int count)
    {
        if (count > MaxBatchItems)
        {
            throw new KeystoreException(
                KeystoreError.InvalidArgument, $"A batch may hold at most {MaxBatchItems} items; this one holds {count}.");
        }
    }
}

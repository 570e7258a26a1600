using Grpc.Core;
using Hydra.Audit;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Mapping;
using Hydra.Keystore.Storage;
using Hydra.Keystore.V1;

namespace Hydra.Keystore.Services;

/// <summary>Signed checkpoints: auditors read them; peers hand theirs over to be witnessed.</summary>
internal sealed partial class KeystoreService
{
    public override async Task<GetCheckpointsResponse> GetCheckpoints(GetCheckpointsRequest request, ServerCallContext context)
    {
        const string Operation = "GetCheckpoints";
        var caller = await _callers.ResolveAsync(context, Operation, string.Empty);
        await _store.ExecuteAsync(
            transaction => transaction.RunAudited(new AuditContext(caller, Operation, string.Empty), () =>
            {
                if (!_operations.Roles.IsAuditor(caller))
                {
                    throw new KeystoreException(
                        KeystoreError.PermissionDenied, $"{caller.SubjectText} does not hold the auditor role on this node.");
                }

                return true;
            }),
            context.CancellationToken);
        var nodeId = string.IsNullOrEmpty(request.NodeId) ? _options.NodeId : request.NodeId;
        // Paged: a year of checkpoints with their certificate chains would not fit in one gRPC message.
        var pageSize = _options.Audit.CheckpointPageSize;
        var limit = request.Limit > 0 && request.Limit <= pageSize ? request.Limit : pageSize;
        var page = _store.ReadCheckpoints(nodeId, request.FromSequence).Take(limit + 1).ToList();
        var response = new GetCheckpointsResponse { More = page.Count > limit };
        response.Checkpoints.AddRange(page.Take(limit).Select(ProtoMapping.ToProto));
        return response;
    }

    public override async Task<WitnessCheckpointResponse> WitnessCheckpoint(WitnessCheckpointRequest request, ServerCallContext context)
    {
        const string Operation = "WitnessCheckpoint";
        var caller = await _callers.ResolveAsync(context, Operation, string.Empty);

        // Accepted checkpoints are evidence in their own collection and leave no audit record (peers exchange them
        // every interval; recording each would make every trail grow forever). Refusals are audited.
        var consistent = await _store.ExecuteHousekeepingAsync(transaction =>
        {
            try
            {
                return _witness.Witness(transaction, caller, Requests.Checkpoint(request.Checkpoint));
            }
            catch (KeystoreException refusal)
            {
                transaction.Record(new AuditContext(caller, Operation, string.Empty),
                    refusal.IsDenial ? AuditEntry.Denied : AuditEntry.Failed, refusal.Message);
                throw;
            }
        }, context.CancellationToken);
        return new WitnessCheckpointResponse { Consistent = consistent };
    }
}

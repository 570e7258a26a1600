using Grpc.Core;
using Hydra.Keystore.Storage;
using Hydra.Keystore.V1;

namespace Hydra.Keystore.Services;

/// <summary>The audit trail for auditors. Reading it is itself audited, before the first record leaves.</summary>
internal sealed partial class KeystoreService
{
    public override async Task QueryAudit(AuditQuery request, IServerStreamWriter<AuditRecord> responseStream, ServerCallContext context)
    {
        const string Operation = "QueryAudit";
        var caller = await _callers.ResolveAsync(context, Operation, request.KeyId);
        await _store.ExecuteAsync(
            transaction => transaction.RunAudited(new AuditContext(caller, Operation, AuditText.KeyId(request.KeyId)), () =>
            {
                if (!_operations.Roles.IsAuditor(caller))
                {
                    throw new KeystoreException(
                        KeystoreError.PermissionDenied, $"{caller.SubjectText} does not hold the auditor role on this node.");
                }

                return true;
            }),
            context.CancellationToken);

        var filter = AuditFilter.Of(request);
        long sent = 0;
        foreach (var entry in _store.ReadAudit(request.FromSequence))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!filter.Matches(entry))
            {
                continue;
            }

            await responseStream.WriteAsync(ProtoMapping.ToProto(entry), context.CancellationToken);
            if (++sent == request.Limit)
            {
                break;
            }
        }
    }
}

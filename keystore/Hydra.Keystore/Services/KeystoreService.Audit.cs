using Grpc.Core;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Mapping;
using Hydra.Keystore.Storage;
using Hydra.Keystore.V1;

namespace Hydra.Keystore.Services;

/// <summary>
/// The audit trail for auditors, and one key's records for a patient who may read that key. Reading it is itself
/// audited, before the first record leaves.
/// </summary>
internal sealed partial class KeystoreService
{
    public override async Task QueryAudit(AuditQuery request, IServerStreamWriter<AuditRecord> responseStream, ServerCallContext context)
    {
        const string Operation = "QueryAudit";
        var caller = await _callers.ResolveAsync(context, Operation, request.KeyId);
        var patientKey = await _store.ExecuteAsync(
            transaction => transaction.RunAudited<string?>(new AuditContext(caller, Operation, AuditText.KeyId(request.KeyId)), () =>
            {
                if (caller.Patient is not null)
                {
                    return _operations.RequirePatientAudit(transaction, caller, request.KeyId);
                }

                if (!_operations.Roles.IsAuditor(caller))
                {
                    throw new KeystoreException(
                        KeystoreError.PermissionDenied, $"{caller.SubjectText} does not hold the auditor role on this node.");
                }

                return null;
            }),
            context.CancellationToken);

        // A patient sees that one key's records, whatever else the query asks for.
        var filter = patientKey is null ? AuditFilter.Of(request) : AuditFilter.Of(request) with { KeyId = patientKey };
        var last = _store.AuditHead.Length;
        long sent = 0;
        for (var from = Math.Max(1, request.FromSequence); from <= last; from += ReadPageSize)
        {
            // Each page is read before anything is written: no LiteDB cursor stays open across the awaits below.
            foreach (var entry in _store.ReadAudit(from, Math.Min(last, from + ReadPageSize - 1)))
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                if (!filter.Matches(entry))
                {
                    continue;
                }

                await responseStream.WriteAsync(ProtoMapping.ToProto(entry), context.CancellationToken);
                if (++sent == request.Limit)
                {
                    return;
                }
            }
        }
    }

    /// <summary>Sequence numbers read from the store at a time while streaming a trail.</summary>
    private const int ReadPageSize = 512;
}

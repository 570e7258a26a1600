using Grpc.Core;
using Hydra.Keystore.V1;

namespace Hydra.Testing.Cluster;

/// <summary>
/// What a <see cref="LyingNode"/> answers, set by a test: each property is the whole answer to one call, sent as is
/// (malformed on purpose); a call nobody scripted is answered UNIMPLEMENTED. Registrations are acknowledged without
/// storing anything, so honest nodes beside it make the write quorum.
/// </summary>
public sealed class ScriptedAnswers : Keystore.V1.Keystore.KeystoreBase
{
    public NodeInfo? Info { get; set; }

    public Acl? Acl { get; set; }

    public GetSharesResponse? Shares { get; set; }

    /// <summary>Share requests are taken and never answered (until the caller gives up): a hung node.</summary>
    public bool HangShares { get; set; }

    public ListKeysResponse? Listing { get; set; }

    public GetCheckpointsResponse? Checkpoints { get; set; }

    public IReadOnlyList<AuditRecord> Trail { get; set; } = [];

    public override Task<NodeInfo> GetNodeInfo(GetNodeInfoRequest request, ServerCallContext context) => Scripted(Info);

    public override Task<GetAclResponse> GetAcl(GetAclRequest request, ServerCallContext context) =>
        Scripted(Acl is null ? null : new GetAclResponse { KeyId = request.KeyId, Acl = Acl });

    public override async Task<GetSharesResponse> GetShares(GetSharesRequest request, ServerCallContext context)
    {
        if (HangShares)
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }

        return await Scripted(Shares);
    }

    public override Task<ListKeysResponse> ListKeys(ListKeysRequest request, ServerCallContext context) => Scripted(Listing);

    public override Task<GetCheckpointsResponse> GetCheckpoints(GetCheckpointsRequest request, ServerCallContext context) => Scripted(Checkpoints);

    /// <summary>Registrations are acknowledged without storing anything, so the honest nodes make the write quorum.</summary>
    public override Task<RegisterSharesResponse> RegisterShares(RegisterSharesRequest request, ServerCallContext context)
    {
        var response = new RegisterSharesResponse();
        response.Items.AddRange(request.Shares.Select(s => new RegisterSharesResponse.Types.Item { KeyId = s.KeyId, Status = new ItemStatus() }));
        return Task.FromResult(response);
    }

    public override async Task QueryAudit(AuditQuery request, IServerStreamWriter<AuditRecord> responseStream, ServerCallContext context)
    {
        foreach (var record in Trail)
        {
            await responseStream.WriteAsync(record, context.CancellationToken);
        }
    }

    private static Task<T> Scripted<T>(T? answer)
        where T : class =>
        answer is null ? throw new RpcException(new Status(StatusCode.Unimplemented, "not scripted")) : Task.FromResult(answer);
}

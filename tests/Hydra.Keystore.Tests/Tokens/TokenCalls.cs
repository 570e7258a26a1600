using Grpc.Core;
using Grpc.Net.Client;
using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Channels;
using Hydra.Keystore.Contract.Mapping;
using Hydra.Keystore.V1;
using Hydra.Testing;
using Hydra.Testing.Cluster;

namespace Hydra.Keystore.Tests.Tokens;

/// <summary>Calls and trail reads the token tests share.</summary>
public static class TokenCalls
{
    public static async Task<List<AuditEntry>> ReadTrailAsync(KeystoreCluster auditor, string nodeId)
    {
        var entries = new List<AuditEntry>();
        await foreach (var entry in auditor.QueryAuditAsync(nodeId, new AuditQueryOptions(), CancellationToken.None).WithCancellation(CancellationToken.None))
        {
            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>Reads the trail as the officer (by certificate) and checks its hash chain.</summary>
    public static async Task<List<AuditEntry>> VerifiedTrailAsync(TestCluster cluster, string nodeId)
    {
        var trail = await ReadTrailAsync(cluster.ConnectAs(DevUser.Officer), nodeId).DefaultTimeout();
        var verification = AuditChainVerifier.Verify(nodeId, trail);
        Assert.True(verification.IsIntact, string.Join("; ", verification.Problems));
        return trail;
    }

    /// <summary>
    /// One node's GetNodeInfo over a channel of our own: with <paramref name="credential"/> in TLS (or none) and the
    /// <c>authorization</c> header <paramref name="authorization"/> (or none), so each refusal is seen as the node sent it.
    /// </summary>
    public static async Task<NodeInfo> NodeInfoAsync(TestCluster cluster, DevPki pki, int index, TlsCredential? credential, string? authorization)
    {
        using var channel = Channel(cluster, pki, index, credential);
        var headers = new Metadata();
        if (authorization is not null)
        {
            headers.Add(BearerToken.Header, authorization);
        }

        var client = new V1.Keystore.KeystoreClient(channel);
        return await client.GetNodeInfoAsync(new GetNodeInfoRequest(), headers, deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync.DefaultTimeout();
    }

    /// <summary>Node <paramref name="index"/>'s whole trail read by the cluster client with a bearer token and no client certificate.</summary>
    public static Task<List<AuditEntry>> TrailWithTokenAsync(TestCluster cluster, int index, string token) =>
        ReadTrailAsync(cluster.ConnectWithToken(token), TestCluster.NodeId(index));

    public static TlsCredential UserCredential(DevPki pki, string user)
    {
        var credential = pki.User(user);
        return new TlsCredential([credential.Certificate], credential.PrivateKey);
    }

    private static GrpcChannel Channel(TestCluster cluster, DevPki pki, int index, TlsCredential? credential) => GridChannel.Create(
        cluster.Configuration().Nodes[index],
        credential,
        new HostCertificateValidator(GridTrustStore.Load(pki.TrustDirectory)),
        GridChannelOptions.Default);
}

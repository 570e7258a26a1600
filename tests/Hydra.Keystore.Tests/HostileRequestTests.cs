using Grpc.Core;
using Hydra.Access;
using Hydra.CertsDev;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Contract.Channels;
using Hydra.Keystore.Tests.Support;
using Hydra.Keystore.V1;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Microsoft.Extensions.Logging;

namespace Hydra.Keystore.Tests;

/// <summary>
/// Requests no Hydra client sends, put on the wire by hand: bytes that are no protobuf message, strings that are no
/// UTF-8, principals with control characters or FQAN paths. The node refuses each with INVALID_ARGUMENT, a message
/// naming the problem, and no stack trace in its log.
/// </summary>
public sealed class HostileRequestTests : IClassFixture<ClusterFixture>
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    private readonly ClusterFixture _fixture;

    public HostileRequestTests(ClusterFixture fixture) => _fixture = fixture;

    private TestCluster Cluster => _fixture.Cluster;

    public static TheoryData<string, string, byte[], string> MalformedRequests() => new()
    {
        // Field 1 (key_id) claims 5 bytes, 1 follows.
        { "truncated", "GetShare", [0x0A, 0x05, 0x41], "GetShare request is not a valid GetShareRequest message" },
        { "tag zero", "GetAcl", [0x00, 0x01], "GetAcl request is not a valid GetAclRequest message" },
        { "invalid UTF-8", "DeleteKey", [0x0A, 0x02, 0xC3, 0x28], "DeleteKey request is not a valid DeleteKeyRequest message: String is invalid UTF-8." },
        { "streaming, truncated", "QueryAudit", [0x0A, 0x01, 0xFF], "QueryAudit request is not a valid AuditQuery message" },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public async Task MalformedBytes_AreRefusedWithInvalidArgument(string what, string method, byte[] payload, string detail)
    {
        // Arrange
        using var channel = Channel(Cluster.Port(0));

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync(channel.CreateCallInvoker(), method, payload)).DefaultTimeout();

        // Assert
        Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{what}: {error.Status}");
        Assert.True(error.Status.Detail.Contains(detail, StringComparison.Ordinal), error.Status.Detail);
    }

    [Fact]
    public async Task WellFormedBytes_OverTheSameRawPath_AreServed()
    {
        // Arrange: GetNodeInfoRequest has no fields; an empty message is valid.
        using var channel = Channel(Cluster.Port(0));

        // Act
        var answer = await CallAsync(channel.CreateCallInvoker(), "GetNodeInfo", []).DefaultTimeout();

        // Assert
        Assert.Equal(TestCluster.NodeId(0), NodeInfo.Parser.ParseFrom(answer).NodeId);
    }

    [Fact]
    public async Task MalformedBytes_AreLoggedAsOneLine_WithoutAStackTrace()
    {
        // Arrange: a node of its own, so that its log can be read.
        using var folder = new TempDirectory("hydra-hostile");
        var logs = new CollectingLogs();
        await using var node = await KeystoreNode.StartAsync([], options =>
        {
            Cluster.Configure(0, options);
            options.Port = 0;
            options.DataFile = Path.Combine(folder.Path, "keystore.db");
        }, CancellationToken.None, builder => builder.Logging.AddProvider(logs)).DefaultTimeout();
        using var channel = Channel(node.Port);

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync(channel.CreateCallInvoker(), "GetShare", [0x0A, 0x05, 0x41]))
            .DefaultTimeout();
        await node.StopAsync(CancellationToken.None).DefaultTimeout();

        // Assert
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var line = Assert.Single(logs.Entries, e => e.EventName == "MalformedRequest");
        Assert.Contains("A GetShare request was refused as malformed", line.Message, StringComparison.Ordinal);
        Assert.All(logs.Entries, e => Assert.True(e.Exception is null, $"{e.Category} logged {e.Exception}"));
    }

    [Theory]
    [InlineData("dn:/DC=org/DC=hydra-dev/O=Hospital/CN=Alice\0Mallory", "holds a control character")]
    [InlineData("fqan:/../..", "has an '..' segment")]
    [InlineData("fqan:/hospital//radiology", "has an empty segment")]
    public async Task SetAcl_WithAPrincipalThatNamesNoOne_IsRefusedWithInvalidArgument(string principal, string problem)
    {
        // Arrange
        var (id, key) = Keys.NewKey();
        var report = await Cluster.ConnectAs(DevUser.Clinician).RegisterKeyAsync(id, key, [], CancellationToken.None).DefaultTimeout();
        Assert.True(report.Complete);
        var request = new SetAclRequest { KeyId = id.Value };
        request.Entries.Add(new V1.AclEntry { Principal = principal, Permissions = (uint)KeyPermissions.GetShare });

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => Cluster.RawClient(DevUser.Clinician).SetAclAsync(request).ResponseAsync)
            .DefaultTimeout();
        var acl = await Cluster.RawClient(DevUser.Clinician).GetAclAsync(new GetAclRequest { KeyId = id.Value }).ResponseAsync.DefaultTimeout();

        // Assert: refused by name, the NUL shown escaped, and the ACL unchanged.
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(problem, error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', error.Status.Detail);
        Assert.Empty(acl.Acl.Entries);
    }

    private Grpc.Net.Client.GrpcChannel Channel(int port)
    {
        var credential = _fixture.Pki.User(DevUser.Clinician);
        return GridChannel.Create(
            new ClusterNode(TestCluster.NodeId(0), $"127.0.0.1:{port}", TestCluster.NodeId(0)),
            new TlsCredential([credential.Certificate], credential.PrivateKey),
            new HostCertificateValidator(GridTrustStore.Load(_fixture.Pki.TrustDirectory)),
            GridChannelOptions.Default);
    }

    private static async Task<byte[]> CallAsync(CallInvoker invoker, string method, byte[] payload)
    {
        var type = method == "QueryAudit" ? MethodType.ServerStreaming : MethodType.Unary;
        var definition = new Method<byte[], byte[]>(type, "hydra.keystore.v1.Keystore", method, Bytes, Bytes);
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30));
        if (type == MethodType.Unary)
        {
            return await invoker.AsyncUnaryCall(definition, null, options, payload);
        }

        using var call = invoker.AsyncServerStreamingCall(definition, null, options, payload);
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
        }

        return [];
    }
}

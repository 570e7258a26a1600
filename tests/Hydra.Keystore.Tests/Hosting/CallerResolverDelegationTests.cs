using Grpc.Core;
using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Tests.Support;
using Org.BouncyCastle.X509;

namespace Hydra.Keystore.Tests.Hosting;

/// <summary>
/// A delegate (the bridge) acting for a reader through the <c>hydra-on-behalf-of-bin</c> header: only delegates,
/// only to fetch shares, and every refusal audited with the delegate named.
/// </summary>
[Collection(UnitPki.Collection)]
public sealed class CallerResolverDelegationTests : IDisposable
{
    private readonly UnitPki _fixture;
    private readonly DevPki _pki;
    private readonly ResolverNode _node;

    public CallerResolverDelegationTests(UnitPki fixture)
    {
        _fixture = fixture;
        _pki = fixture.Pki;
        _node = new ResolverNode(_pki);
    }

    private IReadOnlyList<X509Certificate> Bridge => [_pki.Host("bridge").Certificate];

    private IReadOnlyList<X509Certificate> ReaderProxy(string user = DevUser.Reader) => _fixture.Proxy(user);

    private Task<KeystoreException> RefusedAsync(IReadOnlyList<X509Certificate> caller, string operation, Metadata headers) =>
        Assert.ThrowsAsync<KeystoreException>(() => _node.ResolveAsync(caller, operation, "k1", headers));

    [Theory]
    [InlineData("GetShare")]
    [InlineData("GetShares")]
    [InlineData("GetNodeInfo")]
    public async Task Delegate_ForwardingAValidReaderChain_IsTheReaderWithTheDelegateRecorded(string operation)
    {
        var caller = await _node.ResolveAsync(Bridge, operation, "k1", Delegation.ToMetadata(ReaderProxy()));

        Assert.Equal(_pki.User(DevUser.Reader).Subject, caller.Subject);
        Assert.Equal(_pki.Host("bridge").SubjectDn, caller.Delegate);
        Assert.Equal(["/hospital/radiology"], caller.FqanTexts);
        Assert.Equal(1, caller.ProxyDepth);
        Assert.Equal(ResolverNode.Peer, caller.Peer);
        Assert.Empty(_node.Node.Trail());
    }

    [Fact]
    public async Task Delegate_WithoutTheHeader_IsItself()
    {
        var caller = await _node.ResolveAsync(Bridge, "GetShare", "k1");

        Assert.Equal(_pki.Host("bridge").Subject, caller.Subject);
        Assert.Null(caller.Delegate);
    }

    [Theory]
    [InlineData("RegisterShare")]
    [InlineData("RegisterShares")]
    [InlineData("DeleteKey")]
    [InlineData("GetAcl")]
    [InlineData("SetAcl")]
    [InlineData("ListKeys")]
    [InlineData("QueryAudit")]
    [InlineData("GetCheckpoints")]
    [InlineData("WitnessCheckpoint")]
    public async Task Delegate_ForwardingAChainForAnotherOperation_IsDeniedAndAuditedAsItself(string operation)
    {
        var error = await RefusedAsync(Bridge, operation, Delegation.ToMetadata(ReaderProxy()));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        var record = Assert.Single(_node.Node.Trail());
        Assert.Equal(_pki.Host("bridge").SubjectDn, record.Subject);
        Assert.Equal(string.Empty, record.Delegate);
        Assert.Equal(operation, record.Operation);
        Assert.Equal(AuditEntry.Denied, record.Outcome);
        Assert.Equal(error.Message, record.Reason);
    }

    [Fact]
    public async Task CallerWithoutDelegateRole_ForwardingAChain_IsDeniedAndAudited()
    {
        var clinician = _pki.User(DevUser.Clinician);

        var error = await RefusedAsync([clinician.Certificate], "GetShare", Delegation.ToMetadata(ReaderProxy()));

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Contains("does not hold the delegate role", error.Message, StringComparison.Ordinal);
        var record = Assert.Single(_node.Node.Trail());
        Assert.Equal(clinician.SubjectDn, record.Subject);
        Assert.Equal(string.Empty, record.Delegate);
        Assert.Equal(AuditEntry.Denied, record.Outcome);
    }

    [Theory]
    [InlineData("not DER")]
    [InlineData("empty")]
    [InlineData("eleven certificates")]
    public async Task MalformedHeader_IsInvalidArgument_AuditedAsAFailure(string content)
    {
        var certificate = _pki.User(DevUser.Reader).Certificate.GetEncoded();
        byte[] value = content switch
        {
            "not DER" => [0x30, 0x82, 0x01, 0x00, 0x01, 0x02],
            "empty" => [],
            _ => [.. Enumerable.Repeat(certificate, Delegation.MaxChainLength + 1).SelectMany(c => c)],
        };
        var headers = new Metadata { { Delegation.ChainHeader, value } };

        var error = await RefusedAsync(Bridge, "GetShare", headers);

        Assert.Equal(KeystoreError.InvalidArgument, error.Error);
        var record = Assert.Single(_node.Node.Trail());
        Assert.Equal(AuditEntry.Failed, record.Outcome);
        Assert.Equal(_pki.Host("bridge").SubjectDn, record.Subject);
        Assert.Equal(error.Message, record.Reason);
    }

    [Fact]
    public async Task RefusedReaderChain_IsAuditedUnderTheReaderWithTheDelegate()
    {
        var error = await RefusedAsync(Bridge, "GetShare", Delegation.ToMetadata(ReaderProxy(DevUser.Revoked)));

        Assert.Equal(KeystoreError.Unauthenticated, error.Error);
        var record = Assert.Single(_node.Node.Trail());
        Assert.Equal(_pki.User(DevUser.Revoked).SubjectDn, record.Subject);
        Assert.Equal(_pki.Host("bridge").SubjectDn, record.Delegate);
        Assert.Equal(1, record.ProxyDepth);
        Assert.Equal(ResolverNode.Peer, record.Peer);
        Assert.Equal(AuditEntry.Denied, record.Outcome);
        Assert.Equal("k1", record.KeyId);
    }

    [Fact]
    public async Task ReaderChainExpiring_IsRefusedAtTheNextCall_ThoughTheDelegateIsStillValid()
    {
        // The delegate sends the same reader chain for every image of a study; its validation must not outlive it.
        var headers = Delegation.ToMetadata(ReaderProxy());
        var connection = ResolverNode.Connection(Bridge);
        await _node.ResolveAsync(connection, "GetShare", "k1", headers);

        _node.Clock.Advance(TimeSpan.FromHours(2));
        var error = await Assert.ThrowsAsync<KeystoreException>(() => _node.ResolveAsync(connection, "GetShare", "k1", headers));

        Assert.Equal(KeystoreError.Unauthenticated, error.Error);
        var record = Assert.Single(_node.Node.Trail());
        Assert.Equal(_pki.User(DevUser.Reader).SubjectDn, record.Subject);
        Assert.Equal(_pki.Host("bridge").SubjectDn, record.Delegate);
    }

    [Fact]
    public async Task RefusedDelegateCredential_IsAuditedBeforeTheHeaderIsRead()
    {
        var revoked = _pki.User(DevUser.Revoked);

        var error = await RefusedAsync([revoked.Certificate], "GetShare", Delegation.ToMetadata(ReaderProxy()));

        Assert.Equal(KeystoreError.Unauthenticated, error.Error);
        var record = Assert.Single(_node.Node.Trail());
        Assert.Equal(revoked.SubjectDn, record.Subject);
        Assert.Equal(string.Empty, record.Delegate);
    }

    public void Dispose() => _node.Dispose();
}

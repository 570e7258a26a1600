using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Tests.Support;
using Org.BouncyCastle.X509;

namespace Hydra.Keystore.Tests.Hosting;

/// <summary>
/// Who is calling, from the chain the connection's TLS handshake received: validated against the dev PKI's trust and
/// VOMS folders, and every refused credential audited under the subject it claims before the refusal is thrown.
/// </summary>
[Collection(UnitPki.Collection)]
public sealed class CallerResolverTests : IDisposable
{
    private readonly UnitPki _fixture;
    private readonly DevPki _pki;
    private readonly ResolverNode _node;

    public CallerResolverTests(UnitPki fixture)
    {
        _fixture = fixture;
        _pki = fixture.Pki;
        _node = new ResolverNode(_pki);
    }

    private IReadOnlyList<X509Certificate> Certificate(string user) => [_pki.User(user).Certificate];

    private IReadOnlyList<X509Certificate> Proxy(string user, bool limited = false) => _fixture.Proxy(user, limited);

    private Task<KeystoreException> RefusedAsync(IReadOnlyList<X509Certificate> chain, string operation, string keyId = "") =>
        Assert.ThrowsAsync<KeystoreException>(() => _node.ResolveAsync(chain, operation, keyId));

    [Fact]
    public async Task EndEntityCertificate_IsItsSubject_AndLeavesNoRecord()
    {
        var clinician = _pki.User(DevUser.Clinician);

        var caller = await _node.ResolveAsync(Certificate(DevUser.Clinician), "GetShare", "k1");

        Assert.Equal(clinician.Subject, caller.Subject);
        Assert.Equal(DistinguishedNameText(_pki.CaCertificate), caller.Issuer.ToString());
        Assert.Empty(caller.Fqans);
        Assert.Equal(0, caller.ProxyDepth);
        Assert.False(caller.IsLimited);
        Assert.Null(caller.Delegate);
        Assert.Equal(ResolverNode.Peer, caller.Peer);
        Assert.Equal(clinician.Certificate, caller.Certificate);
        Assert.Empty(_node.Node.Trail());
    }

    [Fact]
    public async Task VomsProxy_IsTheUserWithValidatedFqans()
    {
        var caller = await _node.ResolveAsync(Proxy(DevUser.Reader), "GetShare", "k1");

        Assert.Equal(_pki.User(DevUser.Reader).Subject, caller.Subject);
        Assert.Equal(["/hospital/radiology"], caller.FqanTexts);
        Assert.Equal(1, caller.ProxyDepth);
        Assert.False(caller.IsLimited);
    }

    [Fact]
    public async Task LimitedProxy_IsMarkedLimited()
    {
        var caller = await _node.ResolveAsync(Proxy(DevUser.Clinician, limited: true), "RegisterShare", "k1");

        Assert.True(caller.IsLimited);
        Assert.Equal(_pki.User(DevUser.Clinician).Subject, caller.Subject);
    }

    [Fact]
    public async Task ConnectionWithoutGridTlsSession_IsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<KeystoreException>(() => _node.ResolveAsync(connection: null, "GetShare", "k1"));

        Assert.Equal(KeystoreError.Unauthenticated, error.Error);
        Assert.Empty(_node.Node.Trail());
    }

    [Fact]
    public async Task RevokedCertificate_IsAuditedUnderTheClaimedSubject_ThenRefused()
    {
        var revoked = _pki.User(DevUser.Revoked);

        var error = await RefusedAsync(Certificate(DevUser.Revoked), "GetShare", "k1");

        Assert.Equal(KeystoreError.Unauthenticated, error.Error);
        Assert.Contains("revoked", error.Message, StringComparison.OrdinalIgnoreCase);
        var record = Assert.Single(_node.Node.Trail());
        Assert.Equal(revoked.SubjectDn, record.Subject);
        Assert.Equal(DistinguishedNameText(_pki.CaCertificate), record.Issuer);
        Assert.Equal("GetShare", record.Operation);
        Assert.Equal("k1", record.KeyId);
        Assert.Equal(AuditEntry.Denied, record.Outcome);
        Assert.Equal(error.Message, record.Reason);
        Assert.Equal(ResolverNode.Peer, record.Peer);
        Assert.Equal(string.Empty, record.Delegate);
        Assert.Empty(record.Fqans);
    }

    [Fact]
    public async Task ProxyOfRevokedUser_IsAuditedUnderTheUser_WithTheProxyDepth()
    {
        var error = await RefusedAsync(Proxy(DevUser.Revoked), "GetShares");

        Assert.Equal(KeystoreError.Unauthenticated, error.Error);
        var record = Assert.Single(_node.Node.Trail());
        Assert.Equal(_pki.User(DevUser.Revoked).SubjectDn, record.Subject);
        Assert.Equal(1, record.ProxyDepth);
        Assert.Equal("GetShares", record.Operation);
    }

    [Fact]
    public async Task ExpiredCertificate_IsAuditedUnderTheClaimedSubject_ThenRefused()
    {
        var error = await RefusedAsync(Certificate(DevUser.Expired), "DeleteKey", "k2");

        Assert.Equal(KeystoreError.Unauthenticated, error.Error);
        var record = Assert.Single(_node.Node.Trail());
        Assert.Equal(_pki.User(DevUser.Expired).SubjectDn, record.Subject);
        Assert.Equal(AuditEntry.Denied, record.Outcome);
        Assert.Equal("k2", record.KeyId);
    }

    [Fact]
    public async Task CertificateOfUntrustedCa_IsRefusedAndAudited()
    {
        var error = await RefusedAsync([_pki.RogueCa.Certificate], "GetNodeInfo");

        Assert.Equal(KeystoreError.Unauthenticated, error.Error);
        Assert.Equal(_pki.RogueCa.SubjectDn, Assert.Single(_node.Node.Trail()).Subject);
    }

    [Fact]
    public async Task NoClientCertificate_IsAuditedAsAnonymous_ThenRefused()
    {
        var error = await RefusedAsync([], "GetNodeInfo");

        Assert.Equal(KeystoreError.Unauthenticated, error.Error);
        var record = Assert.Single(_node.Node.Trail());
        Assert.Equal(string.Empty, record.Subject);
        Assert.Equal(ResolverNode.Peer, record.Peer);
    }

    [Fact]
    public async Task RefusalForOverlongKeyId_RecordsTheIdCutToItsBound()
    {
        await RefusedAsync(Certificate(DevUser.Revoked), "GetShare", new string('k', 1000));

        Assert.Equal(new string('k', 128), Assert.Single(_node.Node.Trail()).KeyId);
    }

    [Fact]
    public async Task ProxyExpiringWhileConnected_IsRefusedAtTheNextCall()
    {
        // One connection, two calls: the identity cached for the connection must not outlive the proxy.
        var connection = ResolverNode.Connection(Proxy(DevUser.Reader));
        await _node.ResolveAsync(connection, "GetShare", "k1");

        _node.Clock.Advance(TimeSpan.FromHours(2));
        var error = await Assert.ThrowsAsync<KeystoreException>(() => _node.ResolveAsync(connection, "GetShare", "k1"));

        Assert.Equal(KeystoreError.Unauthenticated, error.Error);
        var record = Assert.Single(_node.Node.Trail());
        Assert.Equal(_pki.User(DevUser.Reader).SubjectDn, record.Subject);
        Assert.Equal(AuditEntry.Denied, record.Outcome);
    }

    private static string DistinguishedNameText(X509Certificate certificate) =>
        Hydra.Grid.DistinguishedName.FromX509Name(certificate.SubjectDN).ToString();

    public void Dispose() => _node.Dispose();
}

using Grpc.Core;
using Hydra.Access;
using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Options;
using Hydra.Keystore.Tests.Support;
using Org.BouncyCastle.X509;

namespace Hydra.Keystore.Tests.Hosting;

/// <summary>
/// A patient delegate (the bridge's patient portal) naming a patient through <c>hydra-on-behalf-of-patient</c>: only
/// patient delegates, only for shares, node info and the audit query, never together with a reader, every refusal
/// audited with the caller that sent the header.
/// </summary>
[Collection(UnitPki.Collection)]
public sealed class CallerResolverPatientTests : IDisposable
{
    private const string Pseudonym = "HYD-0123456789ABCDEFGHJKMNPQRS";

    private readonly UnitPki _fixture;
    private readonly DevPki _pki;
    private readonly ResolverNode _node;

    public CallerResolverPatientTests(UnitPki fixture)
    {
        _fixture = fixture;
        _pki = fixture.Pki;
        _node = new ResolverNode(_pki);
    }

    private IReadOnlyList<X509Certificate> Bridge => [_pki.Host("bridge").Certificate];

    private static Metadata PatientHeader => Delegation.ForPatient(new PatientPseudonym(Pseudonym));

    private Task<KeystoreException> RefusedAsync(IReadOnlyList<X509Certificate> caller, string operation, Metadata headers, ResolverNode? node = null) =>
        Assert.ThrowsAsync<KeystoreException>(() => (node ?? _node).ResolveAsync(caller, operation, "k1", headers));

    [Theory]
    [InlineData("GetShare")]
    [InlineData("GetShares")]
    [InlineData("GetNodeInfo")]
    [InlineData("QueryAudit")]
    [InlineData("GetAcl")]
    [InlineData("SetAcl")]
    public async Task PatientDelegate_NamingAPatient_IsThePatientWithTheDelegateRecorded(string operation)
    {
        // Arrange
        var bridge = await _node.ResolveAsync(Bridge, operation, "k1");

        // Act
        var caller = await _node.ResolveAsync(Bridge, operation, "k1", PatientHeader);

        // Assert
        Assert.Equal(new PatientPseudonym(Pseudonym), caller.Patient);
        Assert.Equal("patient:" + Pseudonym, caller.SubjectText);
        Assert.True(caller.Subject.IsEmpty);
        Assert.True(caller.Issuer.IsEmpty);
        Assert.Empty(caller.Fqans);
        Assert.Equal(0, caller.ProxyDepth);
        Assert.False(caller.IsLimited);
        Assert.False(caller.IsHost);
        Assert.Null(caller.Token);
        Assert.Equal(_pki.Host("bridge").SubjectDn, caller.Delegate);
        Assert.Equal(bridge.NotAfter, caller.NotAfter);
        Assert.Equal(ResolverNode.Peer, caller.Peer);
        Assert.Empty(_node.Node.Trail());
    }

    [Theory]
    [InlineData("RegisterShare")]
    [InlineData("RegisterShares")]
    [InlineData("DeleteKey")]
    [InlineData("ListKeys")]
    [InlineData("GetCheckpoints")]
    [InlineData("WitnessCheckpoint")]
    public async Task PatientDelegate_ForAnotherOperation_IsDeniedAndAuditedAsItself(string operation)
    {
        var error = await RefusedAsync(Bridge, operation, PatientHeader);

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Contains("cannot be done on behalf of a patient", error.Message, StringComparison.Ordinal);
        var record = Assert.Single(_node.Node.Trail());
        Assert.Equal(_pki.Host("bridge").SubjectDn, record.Subject);
        Assert.Equal(operation, record.Operation);
        Assert.Equal(AuditEntry.Denied, record.Outcome);
        Assert.Equal(error.Message, record.Reason);
    }

    [Fact]
    public async Task UserSendingThePatientHeader_IsDeniedAndAuditedAsItself()
    {
        var clinician = _pki.User(DevUser.Clinician);

        var error = await RefusedAsync([clinician.Certificate], "GetShare", PatientHeader);

        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Contains("does not hold the patient-delegate role", error.Message, StringComparison.Ordinal);
        var record = Assert.Single(_node.Node.Trail());
        Assert.Equal(clinician.SubjectDn, record.Subject);
        Assert.Equal(string.Empty, record.Delegate);
        Assert.Equal(AuditEntry.Denied, record.Outcome);
    }

    [Fact]
    public async Task ReaderDelegateWithoutThePatientRole_IsDenied()
    {
        // Arrange: the bridge may act for readers here, not for patients.
        using var node = new ResolverNode(_pki, new KeystoreRoleOptions { Delegates = ["dn:" + _pki.Host("bridge").SubjectDn] });

        // Act
        var error = await RefusedAsync(Bridge, "GetShare", PatientHeader, node);

        // Assert
        Assert.Equal(KeystoreError.PermissionDenied, error.Error);
        Assert.Contains("does not hold the patient-delegate role", error.Message, StringComparison.Ordinal);
        Assert.Equal(_pki.Host("bridge").SubjectDn, Assert.Single(node.Node.Trail()).Subject);
    }

    [Fact]
    public async Task PatientHeaderWithAForwardedChain_IsAmbiguous_AndRefused()
    {
        var headers = PatientHeader;
        headers.Add(Delegation.ToMetadata(_fixture.Proxy(DevUser.Reader))[0]);

        var error = await RefusedAsync(Bridge, "GetShare", headers);

        Assert.Equal(KeystoreError.InvalidArgument, error.Error);
        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
        var record = Assert.Single(_node.Node.Trail());
        Assert.Equal(_pki.Host("bridge").SubjectDn, record.Subject);
        Assert.Equal(AuditEntry.Failed, record.Outcome);
    }

    [Fact]
    public async Task PatientHeaderWithAForwardedToken_IsAmbiguous_AndRefused()
    {
        var headers = PatientHeader;
        headers.Add(Delegation.TokenHeader, "eyJhbGciOiJSUzI1NiJ9.e30.c2ln");

        var error = await RefusedAsync(Bridge, "GetShare", headers);

        Assert.Equal(KeystoreError.InvalidArgument, error.Error);
        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("HYD 01", "letter, digit")]
    [InlineData("Dupont^Jean", "letter, digit")]
    [InlineData("", "is empty")]
    public async Task MalformedPseudonym_IsInvalidArgument_NamingTheFault(string value, string fault)
    {
        var headers = new Metadata { { Delegation.PatientHeader, value } };

        var error = await RefusedAsync(Bridge, "GetShare", headers);

        Assert.Equal(KeystoreError.InvalidArgument, error.Error);
        Assert.Contains("pseudonym", error.Message, StringComparison.Ordinal);
        Assert.Contains(fault, error.Message, StringComparison.Ordinal);
        var record = Assert.Single(_node.Node.Trail());
        Assert.Equal(AuditEntry.Failed, record.Outcome);
        Assert.Equal(_pki.Host("bridge").SubjectDn, record.Subject);
    }

    public void Dispose() => _node.Dispose();
}

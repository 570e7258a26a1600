using Hydra.CertsDev;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Testing.Pki;

namespace Hydra.Audit.Tests;

/// <summary>Signed checkpoints: signed by a node's host key, checked against the trust store and the node's identity.</summary>
public sealed class AuditCheckpointsTests : IClassFixture<DevPkiFixture>
{
    private static readonly byte[] Hash = Convert.FromHexString("29c72014f353453281bdec0a4e289143b4626e8d7a23fd70aeb93c9a7dda77c1");

    private readonly DevPki _pki;
    private readonly ProxyChainValidator _validator;

    public AuditCheckpointsTests(DevPkiFixture fixture)
    {
        _pki = fixture.Pki;
        _validator = new ProxyChainValidator(GridTrustStore.Load(_pki.TrustDirectory));
    }

    private TlsCredential Host(string name) => new([_pki.Host(name).Certificate], _pki.Host(name).PrivateKey);

    private SignedCheckpoint Signed() => AuditCheckpoints.Sign("node1", 1, Hash, DateTimeOffset.UtcNow, Host("node1"));

    [Fact]
    public void Check_CheckpointSignedByTheNode_IsAccepted()
    {
        var checkpoint = Signed();

        Assert.Equal("SHA256WITHRSA", checkpoint.SignatureAlgorithm);
        Assert.Null(AuditCheckpoints.Check(checkpoint, _validator, id => id.Subject.Equals(DistinguishedName.FromX509Name(_pki.Host("node1").Certificate.SubjectDN))));
    }

    [Fact]
    public void Check_AlteredField_FailsTheSignature()
    {
        var altered = Signed() with { Sequence = 2 };

        Assert.Contains("does not verify", AuditCheckpoints.Check(altered, _validator), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SHA1WITHRSA")]
    [InlineData("MD5WITHRSA")]
    [InlineData("NOSUCHALGORITHM")]
    public void Check_AlgorithmSignNeverUses_IsRefusedBeforeAnyVerification(string algorithm)
    {
        var checkpoint = Signed() with { SignatureAlgorithm = algorithm };

        Assert.Contains($"'{algorithm}' is not accepted", AuditCheckpoints.Check(checkpoint, _validator), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SignerThatIsNotTheNode_IsRefusedByName()
    {
        var node2 = AuditCheckpoints.Sign("node1", 1, Hash, DateTimeOffset.UtcNow, Host("node2"));

        var problem = AuditCheckpoints.Check(node2, _validator, id => id.Subject.Equals(DistinguishedName.FromX509Name(_pki.Host("node1").Certificate.SubjectDN)));

        Assert.Contains("which is not node 'node1'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_SignerFromAnUntrustedCa_IsRefused()
    {
        var rogue = AuditCheckpoints.Sign("node1", 1, Hash, DateTimeOffset.UtcNow, new TlsCredential([_pki.RogueCa.Certificate], _pki.RogueCa.PrivateKey));

        Assert.Contains("not trusted", AuditCheckpoints.Check(rogue, _validator), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_IncompleteCheckpoint_IsRefused()
    {
        Assert.Contains("incomplete", AuditCheckpoints.Check(Signed() with { Certificates = [] }, _validator), StringComparison.Ordinal);
        Assert.Contains("incomplete", AuditCheckpoints.Check(Signed() with { Hash = Hash.AsMemory(0, 31) }, _validator), StringComparison.Ordinal);
    }
}

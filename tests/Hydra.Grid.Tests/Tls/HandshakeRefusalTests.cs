using Hydra.Grid.Tls;

namespace Hydra.Grid.Tests.Tls;

/// <summary>How a refused grid credential is classified for refusal reports.</summary>
public sealed class HandshakeRefusalTests
{
    [Theory]
    [InlineData(GridCredentialError.UntrustedIssuer, HandshakeRefusalReason.UntrustedChain)]
    [InlineData(GridCredentialError.BadSignature, HandshakeRefusalReason.UntrustedChain)]
    [InlineData(GridCredentialError.Expired, HandshakeRefusalReason.Expired)]
    [InlineData(GridCredentialError.NotYetValid, HandshakeRefusalReason.Expired)]
    [InlineData(GridCredentialError.Revoked, HandshakeRefusalReason.Revoked)]
    [InlineData(GridCredentialError.ProxyNameViolation, HandshakeRefusalReason.InvalidCredential)]
    [InlineData(GridCredentialError.AcExpired, HandshakeRefusalReason.InvalidCredential)]
    public void ReasonFor_CredentialError_MapsToReportedReason(GridCredentialError error, HandshakeRefusalReason expected)
    {
        Assert.Equal(expected, HandshakeRefusal.ReasonFor(error));
    }
}

using Hydra.Testing.Pki;

namespace Hydra.Grid.Tests.Support;

/// <summary>Validators wired to a dev PKI's trust directories, as the keystore wires them.</summary>
internal sealed class GridValidation
{
    public GridValidation(DevPkiFixture fixture, VomsAcValidatorOptions? vomsOptions = null, GridTrustStoreOptions? trustOptions = null)
    {
        TrustStore = GridTrustStore.Load(fixture.Pki.TrustDirectory, trustOptions);
        VomsStore = VomsTrustStore.Load(fixture.Pki.VomsDirectory);
        Chains = new ProxyChainValidator(TrustStore);
        Acs = new VomsAcValidator(TrustStore, VomsStore, vomsOptions);
    }

    public GridTrustStore TrustStore { get; }

    public VomsTrustStore VomsStore { get; }

    public ProxyChainValidator Chains { get; }

    public VomsAcValidator Acs { get; }

    /// <summary>Validates the chain, then its ACs, at <paramref name="now"/> (default: the real clock).</summary>
    public (GridIdentity Identity, VomsValidationResult Voms) Validate(IReadOnlyList<Org.BouncyCastle.X509.X509Certificate> chain, DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        var identity = Chains.Validate(chain, at);
        return (identity, Acs.Validate(identity, at));
    }
}

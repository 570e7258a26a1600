using Hydra.Testing.Pki;

namespace Hydra.Keystore.Tests.Support;

/// <summary>One dev PKI shared by the node's unit tests (making one costs about a second of key generation).</summary>
[CollectionDefinition(Name)]
public sealed class UnitPki : ICollectionFixture<DevPkiFixture>
{
    public const string Name = "Keystore unit tests with a dev PKI";
}

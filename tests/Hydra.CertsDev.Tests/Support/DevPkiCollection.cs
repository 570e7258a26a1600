using Hydra.Testing.Pki;

namespace Hydra.CertsDev.Tests.Support;

/// <summary>One dev PKI shared by the test classes of this collection: generation is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class DevPkiCollection : ICollectionFixture<DevPkiFixture>
{
    public const string Name = "Dev PKI";
}

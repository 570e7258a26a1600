using Hydra.Testing.Pki;

namespace Hydra.Grid.Tests.Support;

/// <summary>One dev PKI shared by the grid validation tests: generating it is the slow part.</summary>
[CollectionDefinition(Name)]
public sealed class GridPkiCollection : ICollectionFixture<DevPkiFixture>
{
    public const string Name = "Grid PKI";
}

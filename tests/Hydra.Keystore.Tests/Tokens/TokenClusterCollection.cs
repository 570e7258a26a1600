namespace Hydra.Keystore.Tests.Tokens;

/// <summary>The token test classes share one cluster and its providers, one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class TokenClusterCollection : ICollectionFixture<TokenClusterFixture>
{
    public const string Name = "Token cluster";
}

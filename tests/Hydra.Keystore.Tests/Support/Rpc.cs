using Hydra.Cluster;

namespace Hydra.Keystore.Tests.Support;

/// <summary>Assertions on how the cluster refused something.</summary>
public static class Rpc
{
    public static async Task<ClusterException> ThrowsClusterAsync(Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<ClusterException>(action);
        Assert.NotEmpty(error.Failures);
        return error;
    }

    public static void AllNodes(ClusterException error, NodeFailureKind kind, int nodes = 3)
    {
        Assert.Equal(nodes, error.Failures.Count);
        Assert.All(error.Failures, f => Assert.Equal(kind, f.Kind));
    }
}

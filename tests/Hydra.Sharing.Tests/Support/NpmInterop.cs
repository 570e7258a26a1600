using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hydra.Testing;

namespace Hydra.Sharing.Tests.Support;

/// <summary>Runs <c>interop/shamir.mjs</c> (the npm package shamir-secret-sharing) under the real node.</summary>
public static class NpmInterop
{
    public static string Directory { get; } = typeof(NpmInterop).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "InteropDirectory").Value!;

    /// <summary>Sends <paramref name="request"/> to the driver script and returns its JSON answer.</summary>
    public static async Task<JsonNode> RunAsync(object request)
    {
        var node = Peers.Require("node", "nodejs");
        var package = Path.Combine(Directory, "node_modules", "shamir-secret-sharing", "package.json");
        if (!File.Exists(package))
        {
            throw new PeerMissingException($"The npm package shamir-secret-sharing is not installed in {Directory}. Run 'bash .ci/setup.sh' first.");
        }

        var result = await ProcessRunner.RunAsync(
            node, [Path.Combine(Directory, "shamir.mjs")], workingDirectory: Directory, standardInput: JsonSerializer.Serialize(request));
        Assert.True(result.ExitCode == 0, $"node failed: {result.Output}");
        return JsonNode.Parse(result.StandardOutput)!;
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hydra.Cluster;

/// <summary>Source-generated JSON for the cluster file (no reflection).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ClusterConfiguration))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;

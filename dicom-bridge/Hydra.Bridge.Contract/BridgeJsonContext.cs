using System.Text.Json.Serialization;

namespace Hydra.Bridge.Contract;

/// <summary>Source-generated JSON of the bridge's reader endpoint (camelCase), shared by the bridge and its clients.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<ImageSummary>))]
[JsonSerializable(typeof(RevokeRequest))]
[JsonSerializable(typeof(RevokeResult))]
[JsonSerializable(typeof(ProblemMessage))]
[JsonSerializable(typeof(List<QuarantineSummary>))]
[JsonSerializable(typeof(QuarantineDecisionResult))]
[JsonSerializable(typeof(List<RedactionSummary>))]
public sealed partial class BridgeJsonContext : JsonSerializerContext;

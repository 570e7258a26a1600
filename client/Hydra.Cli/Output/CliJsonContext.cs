using System.Text.Json.Serialization;
using Hydra.Cli.Commands.Shares;

namespace Hydra.Cli.Output;

/// <summary>Source-generated JSON for every --json document (camelCase, no nulls); add each new result type here.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ErrorDocument))]
[JsonSerializable(typeof(SplitResult))]
[JsonSerializable(typeof(CombineResult))]
[JsonSerializable(typeof(Commands.Key.KeyResult))]
[JsonSerializable(typeof(Connection.FileResult))]
[JsonSerializable(typeof(Commands.Acl.AclResult))]
[JsonSerializable(typeof(Commands.Cluster.ClusterStatusResult))]
[JsonSerializable(typeof(Commands.Images.ImageListResult))]
[JsonSerializable(typeof(Commands.Images.ImagesGetResult))]
[JsonSerializable(typeof(Bridge.Contract.RevokeResult))]
[JsonSerializable(typeof(Commands.Login.LoginResult))]
[JsonSerializable(typeof(Commands.Review.QuarantineListResult))]
[JsonSerializable(typeof(Commands.Review.RedactionListResult))]
[JsonSerializable(typeof(Commands.Review.ThumbnailResult))]
[JsonSerializable(typeof(Bridge.Contract.QuarantineDecisionResult))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

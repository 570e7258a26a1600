using System.Text.Json.Serialization;

namespace Hydra.Client.Auditing.Reports;

/// <summary>Source-generated JSON for audit reports (camelCase, no nulls, enums as names), as the CLI writes its documents.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(AuditReport))]
internal sealed partial class AuditReportJsonContext : JsonSerializerContext;

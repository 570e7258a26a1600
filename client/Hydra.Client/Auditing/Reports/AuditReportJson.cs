using System.Text.Json;

namespace Hydra.Client.Auditing.Reports;

/// <summary>
/// The report as one JSON document: camelCase names, enums by name, times in ISO 8601, hashes in lower-case hex; the
/// whole <see cref="AuditReport"/> with nothing added.
/// </summary>
public static class AuditReportJson
{
    /// <summary>The serializer metadata, for callers that embed the report in their own output.</summary>
    public static System.Text.Json.Serialization.Metadata.JsonTypeInfo<AuditReport> TypeInfo => AuditReportJsonContext.Default.AuditReport;

    public static void Write(AuditReport report, Stream output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        JsonSerializer.Serialize(output, report, TypeInfo);
    }

    public static string Serialize(AuditReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, TypeInfo);
    }
}

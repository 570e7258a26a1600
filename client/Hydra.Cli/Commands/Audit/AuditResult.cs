namespace Hydra.Cli.Commands.Audit;

/// <summary>The JSON result of <c>hydra audit</c>.</summary>
internal sealed record AuditResult(IReadOnlyList<AuditRecordDocument> Records, IReadOnlyList<string> Problems);

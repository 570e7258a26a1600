namespace Hydra.Audit;

/// <summary>One finding of audit verification, located by sequence number.</summary>
public sealed record AuditProblem(string NodeId, long Sequence, AuditProblemKind Kind, string Description)
{
    public override string ToString() => $"{NodeId} #{Sequence}: {Kind}: {Description}";
}

namespace Hydra.Audit;

/// <summary>The result of verifying one node's trail: how far it was checked and what was wrong.</summary>
public sealed record AuditVerification(string NodeId, long FirstSequence, long LastSequence, long RecordCount, IReadOnlyList<AuditProblem> Problems)
{
    public bool IsIntact => Problems.Count == 0;
}

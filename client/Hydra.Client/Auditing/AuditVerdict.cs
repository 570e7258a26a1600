namespace Hydra.Client.Auditing;

/// <summary>The verdict on a whole investigation.</summary>
public enum AuditVerdict
{
    /// <summary>Every trail asked for was read and passed every check.</summary>
    Verified,

    /// <summary>At least one trail failed a check: tampering, truncation or a node contradicting itself.</summary>
    IntegrityFailure,

    /// <summary>Every trail read passed, but some could not be read.</summary>
    Incomplete,
}

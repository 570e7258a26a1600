namespace Hydra.Grid;

/// <summary>Options of <see cref="VomsAcValidator"/>.</summary>
public sealed record VomsAcValidatorOptions
{
    /// <summary>
    /// This service's host names, matched (case-insensitively) against an AC's targets. An AC without a
    /// targetInformation extension is accepted anywhere; a targeted AC only when a target is listed here.
    /// Default: none, so every targeted AC is refused.
    /// </summary>
    public IReadOnlyList<string> LocalHostNames { get; init; } = [];

    /// <summary>Clock skew allowed on both ends of an AC's validity. Default: 5 minutes, as VOMS C.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether one invalid AC fails the whole credential. Default: true (the error is thrown). With false, invalid
    /// ACs are reported in <see cref="VomsValidationResult.Rejected"/> and grant nothing.
    /// </summary>
    public bool FailOnInvalidAc { get; init; } = true;

    /// <summary>The defaults.</summary>
    public static VomsAcValidatorOptions Default { get; } = new();
}

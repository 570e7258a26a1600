namespace Hydra.Dicom.Deidentification;

/// <summary>
/// What to do with the images of one source: which PS3.15 options apply, and when to quarantine. Immutable; the
/// defaults are the safe ones: the basic profile with dates shifted, UIDs replaced, no private attributes kept, and
/// quarantine on any burned-in text risk.
/// </summary>
public sealed record DeidentificationProfile
{
    /// <summary>The longest date shift allowed, in days.</summary>
    public const int MaxDateShiftLimit = 3650;

    /// <summary>The defaults: basic profile + Retain Longitudinal Temporal Information with Modified Dates.</summary>
    public static DeidentificationProfile Default { get; } = new();

    /// <summary>
    /// The PS3.15 options applied on top of the basic profile. Default
    /// <see cref="ConfidentialityOptions.RetainLongitudinalModifiedDates"/> (dates shifted per patient).
    /// </summary>
    public ConfidentialityOptions Options { get; init; } = ConfidentialityOptions.RetainLongitudinalModifiedDates;

    /// <summary>When images go to quarantine for burned-in text. Default <see cref="BurnedInAnnotationPolicy.QuarantineUnlessMarkedNo"/>.</summary>
    public BurnedInAnnotationPolicy BurnedInAnnotation { get; init; } = BurnedInAnnotationPolicy.QuarantineUnlessMarkedNo;

    /// <summary>
    /// The bound of the per-patient date shift under Modified Dates, in days: shifts are whole days in
    /// [-MaxDateShiftDays, -1] and [1, MaxDateShiftDays]. Default 365; 1 to <see cref="MaxDateShiftLimit"/>.
    /// </summary>
    public int MaxDateShiftDays { get; init; } = 365;

    /// <summary>
    /// The issuer that qualifies Patient ID for the pseudonym and the date shift when Issuer of Patient ID (0010,0021) is
    /// absent: the source's patient ID namespace. Default empty.
    /// </summary>
    public string DefaultIssuerOfPatientId { get; init; } = string.Empty;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is not allowed.</summary>
    public void Validate()
    {
        const ConfidentialityOptions BothDates =
            ConfidentialityOptions.RetainLongitudinalFullDates | ConfidentialityOptions.RetainLongitudinalModifiedDates;
        if ((Options & BothDates) == BothDates)
        {
            throw new ArgumentException("The Full Dates and Modified Dates options exclude each other (PS3.15 E.3.6).", nameof(Options));
        }

        if ((Options & ~AllOptions) != 0)
        {
            throw new ArgumentException($"Unknown option bits {(int)(Options & ~AllOptions):X}.", nameof(Options));
        }

        if (MaxDateShiftDays is < 1 or > MaxDateShiftLimit)
        {
            throw new ArgumentException($"MaxDateShiftDays must be 1 to {MaxDateShiftLimit}.", nameof(MaxDateShiftDays));
        }

        ArgumentNullException.ThrowIfNull(DefaultIssuerOfPatientId);
        if (DefaultIssuerOfPatientId.Contains('\\', StringComparison.Ordinal))
        {
            throw new ArgumentException("DefaultIssuerOfPatientId is an LO value and cannot hold a backslash.", nameof(DefaultIssuerOfPatientId));
        }
    }

    private static ConfidentialityOptions AllOptions => (ConfidentialityOptions)((1 << 10) - 1);
}

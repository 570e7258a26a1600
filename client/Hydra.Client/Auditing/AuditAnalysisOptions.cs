namespace Hydra.Client.Auditing;

/// <summary>
/// The rules that flag events for officers. A reconstruction is M or more distinct nodes releasing shares of one key
/// to one subject within <see cref="ReconstructionWindow"/>. A subject's volume in one UTC clock hour is the number of
/// distinct keys any node released a share of to it; the hour is unusual when that number exceeds
/// <see cref="HourlyKeyLimit"/>, or when it is at least <see cref="MinimumUnusualKeys"/> and more than
/// <see cref="UsualRateMultiple"/> times the subject's usual rate: the median of its other active hours in the trails
/// read, known once there are <see cref="MinimumHistoryHours"/> of them.
/// </summary>
public sealed record AuditAnalysisOptions
{
    /// <summary>How close in time releases by M nodes must be to count as one reconstruction. Default 10 minutes.</summary>
    public TimeSpan ReconstructionWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Distinct keys released to one subject in one clock hour above which the hour is flagged. Default 1000 keys.</summary>
    public int HourlyKeyLimit { get; init; } = 1000;

    /// <summary>How many times its usual hourly rate a subject may reach before the hour is flagged. Default 10.</summary>
    public double UsualRateMultiple { get; init; } = 10;

    /// <summary>Fewest keys in an hour that the usual-rate rule flags (small counts are never unusual). Default 50 keys.</summary>
    public int MinimumUnusualKeys { get; init; } = 50;

    /// <summary>Other active hours a subject needs before its usual rate is trusted. Default 3 hours.</summary>
    public int MinimumHistoryHours { get; init; } = 3;

    /// <summary>Throws <see cref="ArgumentException"/> naming every value out of range.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (ReconstructionWindow <= TimeSpan.Zero || ReconstructionWindow > TimeSpan.FromDays(1))
        {
            problems.Add($"the reconstruction window must be more than 0 and at most 1 day (it is {ReconstructionWindow})");
        }

        if (HourlyKeyLimit < 1)
        {
            problems.Add($"the hourly key limit must be at least 1 (it is {HourlyKeyLimit})");
        }

        if (!(UsualRateMultiple > 1) || double.IsInfinity(UsualRateMultiple))
        {
            problems.Add($"the usual-rate multiple must be a finite number above 1 (it is {UsualRateMultiple})");
        }

        if (MinimumUnusualKeys < 1 || MinimumHistoryHours < 1)
        {
            problems.Add("the minimum unusual keys and minimum history hours must be at least 1");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid audit analysis options: " + string.Join("; ", problems) + ".");
        }
    }
}

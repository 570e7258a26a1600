namespace Hydra.Client.Auditing;

/// <summary>What one subject did in the selected records.</summary>
/// <param name="Subject">The subject (slash DN).</param>
/// <param name="Records">Records where it acted, or was the delegate acting for someone.</param>
/// <param name="Releases">Shares released to it.</param>
/// <param name="KeysRebuilt">Distinct keys it received M shares of within the window (reconstructions).</param>
/// <param name="KeysTouched">Distinct keys its operations named.</param>
/// <param name="Refusals">Its operations that nodes refused.</param>
/// <param name="ViaDelegate">Its records where a delegate acted for it.</param>
/// <param name="AsDelegate">Records where it acted as a delegate for someone else.</param>
/// <param name="UnusualHours">Hours in which it received unusually many keys (volume flags).</param>
/// <param name="Flags">Flags naming it, as subject or delegate.</param>
/// <param name="First">Its first selected record.</param>
/// <param name="Last">Its last selected record.</param>
public sealed record SubjectSummary(
    string Subject,
    int Records,
    int Releases,
    int KeysRebuilt,
    int KeysTouched,
    int Refusals,
    int ViaDelegate,
    int AsDelegate,
    int UnusualHours,
    int Flags,
    DateTimeOffset First,
    DateTimeOffset Last);

namespace Hydra.Client.Auditing;

/// <summary>What happened to the keys of one study (key id part before <c>:</c>) in the selected records.</summary>
/// <param name="Study">The study, or empty for keys whose ids name no study.</param>
/// <param name="Keys">Distinct keys of the study in the records.</param>
/// <param name="KeysRebuilt">Distinct keys of it someone could rebuild (reconstructions).</param>
/// <param name="Reconstructions">Reconstructions of its keys.</param>
/// <param name="Subjects">The subjects that rebuilt its keys.</param>
/// <param name="Releases">Shares of its keys released.</param>
/// <param name="Refusals">Refused operations on its keys.</param>
/// <param name="First">Its first selected record.</param>
/// <param name="Last">Its last selected record.</param>
public sealed record StudySummary(
    string Study,
    int Keys,
    int KeysRebuilt,
    int Reconstructions,
    IReadOnlyList<string> Subjects,
    int Releases,
    int Refusals,
    DateTimeOffset First,
    DateTimeOffset Last);

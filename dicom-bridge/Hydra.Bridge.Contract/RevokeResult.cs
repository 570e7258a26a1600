namespace Hydra.Bridge.Contract;

/// <summary>
/// What a revocation changed: the study, the principal now denied, how many keys were changed, and the keys whose
/// change did not reach every node (to repeat once those nodes are back; the deny is kept on the others).
/// </summary>
public sealed record RevokeResult(string StudyInstanceUid, string Principal, int Keys, IReadOnlyList<string> Incomplete);

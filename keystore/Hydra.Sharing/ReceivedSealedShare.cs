namespace Hydra.Sharing;

/// <summary>A sealed share and the source it came from (for example "share 2" for the second one the user gave).</summary>
public sealed record ReceivedSealedShare(string Source, SealedShare Share);

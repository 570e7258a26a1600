namespace Hydra.Sharing;

/// <summary>A share envelope and the source it came from (a keystore node id, or a position the user recognises).</summary>
public sealed record ReceivedShare(string Source, ShareEnvelope Envelope);

namespace Hydra.Bridge.Contract;

/// <summary>A curator's request to stop a principal (<c>dn:...</c>, <c>fqan:...</c>) from reading a study.</summary>
public sealed record RevokeRequest(string Principal);

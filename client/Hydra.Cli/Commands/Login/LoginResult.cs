namespace Hydra.Cli.Commands.Login;

/// <summary>The JSON result of <c>hydra login</c>: where the token went and until when it serves, never the token.</summary>
internal sealed record LoginResult(string Issuer, string TokenFile, DateTimeOffset? ExpiresAt, string Scope, string? Resource);

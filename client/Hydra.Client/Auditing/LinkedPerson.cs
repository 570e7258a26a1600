namespace Hydra.Client.Auditing;

/// <summary>One person of an identity links file.</summary>
/// <param name="Name">The display name the report groups their records under.</param>
/// <param name="Principals">Their principals, canonical (<c>dn:/...</c>, <c>oidc:issuer#sub</c>), in file order.</param>
public sealed record LinkedPerson(string Name, IReadOnlyList<string> Principals);

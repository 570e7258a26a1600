namespace Hydra.CertsDev;

/// <summary>Part of <see cref="DevPkiManifest"/>.</summary>
internal sealed record ManifestUser(
    string Name,
    string Subject,
    string Organisation,
    string CommonName,
    string? Vo,
    IReadOnlyList<string> Fqans,
    string Role,
    DevUserStatus Status,
    string Certificate,
    string Key);

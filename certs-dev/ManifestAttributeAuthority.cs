namespace Hydra.CertsDev;

/// <summary>Part of <see cref="DevPkiManifest"/>.</summary>
internal sealed record ManifestAttributeAuthority(string Host, string Subject, string Certificate, string Key, IReadOnlyList<ManifestVo> Vos);

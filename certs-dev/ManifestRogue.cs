namespace Hydra.CertsDev;

/// <summary>Part of <see cref="DevPkiManifest"/>.</summary>
internal sealed record ManifestRogue(string CaSubject, string CaCertificate, string CaKey, string AaSubject, string AaCertificate, string AaKey);

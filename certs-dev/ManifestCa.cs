namespace Hydra.CertsDev;

/// <summary>Part of <see cref="DevPkiManifest"/>.</summary>
internal sealed record ManifestCa(string Subject, string Hash, string Certificate, string Key, string Crl);

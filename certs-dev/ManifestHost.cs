namespace Hydra.CertsDev;

/// <summary>Part of <see cref="DevPkiManifest"/>.</summary>
internal sealed record ManifestHost(string Name, string Subject, IReadOnlyList<string> DnsNames, string Certificate, string Key);

using System.Text.Json.Serialization;

namespace Hydra.CertsDev;

/// <summary>Part of <see cref="DevPkiManifest"/>.</summary>
/// <param name="KeyType"><c>ec</c> for an EC P-256 key; absent for RSA (as in manifests written before EC hosts).</param>
internal sealed record ManifestHost(
    string Name,
    string Subject,
    IReadOnlyList<string> DnsNames,
    string Certificate,
    string Key,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? KeyType = null)
{
    /// <summary>The value of <see cref="KeyType"/> for an EC key.</summary>
    public const string Ec = "ec";
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hydra.CertsDev;

/// <summary>
/// <c>manifest.json</c>: what the folder holds and what each user is meant to be, so that demos and tests read the
/// cast (DNs, VOs, FQANs) instead of hard-coding it. Paths are relative to the folder.
/// </summary>
internal sealed record DevPkiManifest(
    int Format,
    string Warning,
    DateTimeOffset Created,
    ManifestCa Ca,
    string TrustDirectory,
    string VomsDirectory,
    ManifestAttributeAuthority AttributeAuthority,
    ManifestRogue Rogue,
    IReadOnlyList<ManifestHost> Hosts,
    IReadOnlyList<ManifestUser> Users)
{
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static DevPkiManifest FromJson(string json) =>
        JsonSerializer.Deserialize<DevPkiManifest>(json, JsonOptions) ?? throw new JsonException("manifest.json is empty");
}

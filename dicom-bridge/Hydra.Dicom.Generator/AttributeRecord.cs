using System.Text.Json.Serialization;

namespace Hydra.Dicom.Generator;

/// <summary>One row of attributes.json (PS3.6 Table 6-1 and friends).</summary>
public sealed record AttributeRecord(
    [property: JsonPropertyName("tag")] string Tag,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("keyword")] string Keyword,
    [property: JsonPropertyName("valueRepresentation")] string ValueRepresentation,
    [property: JsonPropertyName("valueMultiplicity")] string ValueMultiplicity,
    [property: JsonPropertyName("retired")] string Retired);

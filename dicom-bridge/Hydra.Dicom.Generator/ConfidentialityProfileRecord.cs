using System.Text.Json.Serialization;

namespace Hydra.Dicom.Generator;

/// <summary>
/// One row of confidentiality_profile_attributes.json (PS3.15 Table E.1-1): the basic profile action and, where the
/// standard gives one, the action of each option column.
/// </summary>
public sealed record ConfidentialityProfileRecord(
    [property: JsonPropertyName("tag")] string Tag,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("stdCompIOD")] string InStandardCompositeIod,
    [property: JsonPropertyName("basicProfile")] string BasicProfile,
    [property: JsonPropertyName("rtnSafePrivOpt")] string? RetainSafePrivate,
    [property: JsonPropertyName("rtnUIDsOpt")] string? RetainUids,
    [property: JsonPropertyName("rtnDevIdOpt")] string? RetainDeviceIdentity,
    [property: JsonPropertyName("rtnInstIdOpt")] string? RetainInstitutionIdentity,
    [property: JsonPropertyName("rtnPatCharsOpt")] string? RetainPatientCharacteristics,
    [property: JsonPropertyName("rtnLongFullDatesOpt")] string? RetainLongitudinalFullDates,
    [property: JsonPropertyName("rtnLongModifDatesOpt")] string? RetainLongitudinalModifiedDates,
    [property: JsonPropertyName("cleanDescOpt")] string? CleanDescriptors,
    [property: JsonPropertyName("cleanStructContOpt")] string? CleanStructuredContent,
    [property: JsonPropertyName("cleanGraphOpt")] string? CleanGraphics)
{
    /// <summary>The option columns in the order of the <c>ConfidentialityOptions</c> flags of Hydra.Dicom.</summary>
    public IReadOnlyList<string?> OptionColumns =>
    [
        RetainSafePrivate, RetainUids, RetainDeviceIdentity, RetainInstitutionIdentity, RetainPatientCharacteristics,
        RetainLongitudinalFullDates, RetainLongitudinalModifiedDates, CleanDescriptors, CleanStructuredContent, CleanGraphics,
    ];
}

using System.Text.Json.Nodes;

namespace Hydra.Bridge.Tests.DicomWeb.PeerTests;

/// <summary>Where peer tests leave their screenshots, and how to read Orthanc's DICOMweb client answers.</summary>
internal static class PeerOutput
{
    /// <summary>The test output folder's <c>screenshots/NAME.png</c> (kept after the run, for a human to look at).</summary>
    public static string Screenshot(string name) => Path.Combine(AppContext.BaseDirectory, "screenshots", name + ".png");

    /// <summary>
    /// The values of <paramref name="tag"/> (e.g. <c>0020000D</c>) across Orthanc's answer to
    /// <c>/dicom-web/servers/NAME/qido</c>, which simplifies DICOM JSON to <c>{"Value": "text"}</c>, or across a
    /// DICOM JSON (PS3.18 F.2) array, whose values are arrays.
    /// </summary>
    public static IReadOnlyList<string> Values(JsonArray answer, string tag) =>
        [.. answer.Select(item => item?[tag]?["Value"]).Where(value => value is not null).Select(Text)];

    private static string Text(JsonNode? value) => value switch
    {
        JsonArray array => array.Count == 0 ? string.Empty : Text(array[0]),
        JsonObject person => person["Alphabetic"]?.ToString() ?? person.ToJsonString(),
        _ => value?.ToString() ?? string.Empty,
    };
}

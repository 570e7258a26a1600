using System.Text.Json;
using System.Text.Json.Nodes;
using Hydra.Dicom.Deidentification;

namespace Hydra.Bridge.Storage.Postgres;

/// <summary>
/// Pixel regions as <c>jsonb</c>: an array of <c>{f, x, y, w, h, s}</c>, the same fields as the LiteDB documents', so
/// both back ends describe a region alike. Null when there is none.
/// </summary>
internal static class PostgresRegions
{
    public static string? ToJson(IReadOnlyList<PixelRegion> regions) =>
        regions.Count == 0
            ? null
            : new JsonArray([.. regions.Select(r => (JsonNode)new JsonObject
            {
                ["f"] = r.Frame,
                ["x"] = r.X,
                ["y"] = r.Y,
                ["w"] = r.Width,
                ["h"] = r.Height,
                ["s"] = r.Source.ToString(),
            })]).ToJsonString();

    public static PixelRegion[] FromJson(string? json)
    {
        if (json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(r => new PixelRegion(
            r.GetProperty("f").GetInt32(),
            r.GetProperty("x").GetInt32(),
            r.GetProperty("y").GetInt32(),
            r.GetProperty("w").GetInt32(),
            r.GetProperty("h").GetInt32(),
            Enum.Parse<PixelRegionSource>(r.GetProperty("s").GetString()!)))];
    }
}

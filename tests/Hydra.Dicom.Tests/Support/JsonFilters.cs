using System.Text.Json.Nodes;

namespace Hydra.Dicom.Tests.Support;

/// <summary>Views of canonical JSON that leave out what a round trip legitimately changes.</summary>
public static class JsonFilters
{
    /// <summary>
    /// The tree without group length elements (gggg,0000): the writer recomputes them (PS3.5 7.2), and several corpus
    /// files carry stale values.
    /// </summary>
    public static JsonNode? WithoutGroupLengths(JsonNode? node)
    {
        if (node is not JsonArray array)
        {
            return node?.DeepClone();
        }

        var result = new JsonArray();
        foreach (var entry in array)
        {
            if (entry is JsonObject element && ((string?)element["tag"])?.EndsWith("0000", StringComparison.Ordinal) == true)
            {
                continue;
            }

            result.Add(entry is JsonObject item ? Filter(item) : WithoutGroupLengths(entry));
        }

        return result;
    }

    private static JsonObject Filter(JsonObject element)
    {
        var copy = (JsonObject)element.DeepClone();
        if (copy["value"] is JsonArray values && values.All(v => v is JsonArray))
        {
            copy["value"] = new JsonArray(values.Select(WithoutGroupLengths).ToArray());
        }

        return copy;
    }
}

using System.Text.Json.Nodes;

namespace Hydra.Dicom.Tests.Support;

/// <summary>Finds the first difference between two JSON trees and names its path, for readable assertion failures.</summary>
public static class JsonDiff
{
    /// <summary>Null when equal; otherwise "path: expected X, actual Y".</summary>
    public static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected, actual)
        {
            case (null, null):
                return null;
            case (JsonArray e, JsonArray a):
                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    if (FirstDifference(e[i], a[i], $"{path}[{i}]{Describe(e[i])}") is { } inner)
                    {
                        return inner;
                    }
                }

                return e.Count == a.Count ? null : $"{path}: expected {e.Count} entries, actual {a.Count}";
            case (JsonObject e, JsonObject a):
                foreach (var (key, value) in e)
                {
                    if (FirstDifference(value, a[key], $"{path}.{key}") is { } inner)
                    {
                        return inner;
                    }
                }

                var extra = a.Select(p => p.Key).Except(e.Select(p => p.Key)).FirstOrDefault();
                return extra is null ? null : $"{path}: unexpected key {extra}";
            default:
                return JsonNode.DeepEquals(expected, actual)
                    ? null
                    : $"{path}: expected {Short(expected)}, actual {Short(actual)}";
        }
    }

    private static string Describe(JsonNode? node) => node is JsonObject o && o["tag"] is { } tag ? $"({tag})" : string.Empty;

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 200 ? text[..200] + "..." : text;
    }
}

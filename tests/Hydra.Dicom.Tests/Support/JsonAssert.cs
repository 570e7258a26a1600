using System.Text.Json.Nodes;

namespace Hydra.Dicom.Tests.Support;

/// <summary>Asserts two canonical JSON trees are equal, naming the first difference in full.</summary>
public static class JsonAssert
{
    public static void Same(JsonNode? expected, JsonNode? actual, string path)
    {
        if (JsonDiff.FirstDifference(expected, actual, path) is { } difference)
        {
            Assert.Fail(difference);
        }
    }
}

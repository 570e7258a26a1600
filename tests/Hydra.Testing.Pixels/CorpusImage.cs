using System.Text.Json.Serialization;

namespace Hydra.Testing.Pixels;

/// <summary>One string drawn into one frame: the bounding box of its drawn pixels (origin top left).</summary>
public sealed record DrawnText(
    [property: JsonPropertyName("frame")] int Frame,
    [property: JsonPropertyName("x")] int X,
    [property: JsonPropertyName("y")] int Y,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("text")] string Text);

/// <summary>One generated image: its file, Burned In Annotation (null when absent), the strings drawn and where.</summary>
public sealed record CorpusImage(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("hasText")] bool HasText,
    [property: JsonPropertyName("burnedInAnnotation")] string? BurnedInAnnotation,
    [property: JsonPropertyName("photometric")] string Photometric,
    [property: JsonPropertyName("bitsAllocated")] int BitsAllocated,
    [property: JsonPropertyName("frames")] int Frames,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("strings")] IReadOnlyList<string> Strings,
    [property: JsonPropertyName("boxes")] IReadOnlyList<DrawnText> Boxes)
{
    /// <summary>The file's name, for test case names.</summary>
    public override string ToString() => File;
}

using System.Buffers;
using System.Text.Json;
using Hydra.Dicom.Json;

namespace Hydra.Dicom.Tests.Json;

/// <summary>Runs <see cref="DicomJsonWriter"/> and parses its output back with System.Text.Json.</summary>
internal static class DicomJson
{
    public static JsonElement Write(DicomDataset dataset, DicomJsonOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            DicomJsonWriter.WriteDataset(writer, dataset, options);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>The "Value" array of the element with <paramref name="tag"/>.</summary>
    public static JsonElement Values(this JsonElement root, DicomTag tag) => root.Element(tag).GetProperty("Value");

    public static JsonElement Element(this JsonElement root, DicomTag tag) => root.GetProperty(tag.Value.ToString("X8"));
}

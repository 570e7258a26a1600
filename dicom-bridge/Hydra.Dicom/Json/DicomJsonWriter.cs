using System.Globalization;
using System.Text.Json;

namespace Hydra.Dicom.Json;

/// <summary>
/// Writes a data set as the DICOM JSON Model (PS3.18 F.2): one object whose keys are tags as 8 upper-case hex digits,
/// each with <c>"vr"</c> and, unless the value is empty, <c>"Value"</c>, <c>"InlineBinary"</c> or <c>"BulkDataURI"</c>.
/// </summary>
/// <remarks>
/// Text is decoded with each element's Specific Character Set, so the JSON holds Unicode and (0008,0005) is written as
/// "ISO_IR 192" (UTF-8), as dcmtk's dcm2json does. Group length elements (gggg,0000) are left out: they describe a
/// binary encoding. Encapsulated pixel data has no inline form (its frame boundaries would be lost, and dcm2json
/// refuses it too), so without a bulk data URI it is written with its VR and no value.
/// </remarks>
public static class DicomJsonWriter
{
    private static readonly DicomJsonOptions InlineOnly = new();
    private static readonly JsonEncodedText VrName = JsonEncodedText.Encode("vr");
    private static readonly JsonEncodedText ValueName = JsonEncodedText.Encode("Value");
    private static readonly JsonEncodedText InlineBinaryName = JsonEncodedText.Encode("InlineBinary");
    private static readonly JsonEncodedText BulkDataUriName = JsonEncodedText.Encode("BulkDataURI");

    /// <summary>Writes <paramref name="dataset"/> as one JSON object (PS3.18 F.2.1).</summary>
    public static void WriteDataset(Utf8JsonWriter json, DicomDataset dataset, DicomJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(dataset);
        options ??= InlineOnly;
        ArgumentOutOfRangeException.ThrowIfNegative(options.InlineBinaryMaxBytes);
        WriteObject(json, dataset, options, topLevel: true);
    }

    private static void WriteObject(Utf8JsonWriter json, DicomDataset dataset, DicomJsonOptions options, bool topLevel)
    {
        json.WriteStartObject();
        Span<char> key = stackalloc char[8];
        foreach (var element in dataset)
        {
            if (element.Tag.IsGroupLength)
            {
                continue;
            }

            element.Tag.Value.TryFormat(key, out _, "X8", CultureInfo.InvariantCulture);
            json.WritePropertyName(key);
            json.WriteStartObject();
            json.WriteString(VrName, element.VR.Code());
            switch (element)
            {
                case DicomSequence sequence:
                    WriteItems(json, sequence, options);
                    break;
                case DicomFragmentSequence fragments:
                    WriteFragments(json, fragments, options, topLevel);
                    break;
                case DicomValueElement value:
                    WriteValue(json, value, options, topLevel);
                    break;
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteItems(Utf8JsonWriter json, DicomSequence sequence, DicomJsonOptions options)
    {
        if (sequence.Items.Count == 0)
        {
            return;
        }

        json.WriteStartArray(ValueName);
        foreach (var item in sequence.Items)
        {
            WriteObject(json, item, options, topLevel: false);
        }

        json.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter json, DicomValueElement element, DicomJsonOptions options, bool topLevel)
    {
        if (element.Tag.Value == 0x00080005)
        {
            // The text is Unicode whatever the source repertoire was (even the default one); say so, as dcm2json does.
            json.WriteStartArray(ValueName);
            json.WriteStringValue("ISO_IR 192");
            json.WriteEndArray();
            return;
        }

        if (element.IsEmpty)
        {
            return;
        }

        if (DicomValueCodec.IsOtherBinary(element.VR))
        {
            var uri = BulkUri(element.Tag, element.Value.Length, options, topLevel);
            if (uri is not null)
            {
                json.WriteString(BulkDataUriName, uri);
            }
            else
            {
                json.WriteBase64String(InlineBinaryName, element.Value.Span);
            }

            return;
        }

        if (element.VR.IsText())
        {
            DicomJsonValues.WriteText(json, ValueName, element);
        }
        else
        {
            DicomJsonValues.WriteBinaryNumbers(json, ValueName, element);
        }
    }

    private static void WriteFragments(Utf8JsonWriter json, DicomFragmentSequence fragments, DicomJsonOptions options, bool topLevel)
    {
        var length = fragments.Fragments.Sum(f => (long)f.Length);
        if (length > 0 && BulkUri(fragments.Tag, length, options, topLevel) is { } uri)
        {
            json.WriteString(BulkDataUriName, uri);
        }
    }

    private static string? BulkUri(DicomTag tag, long length, DicomJsonOptions options, bool topLevel) =>
        topLevel && length > options.InlineBinaryMaxBytes ? options.BulkDataUri?.Invoke(tag) : null;
}

using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Hydra.Dicom.Tests.Support;

/// <summary>
/// Renders a data set in the canonical form Interop/pydicom_dump.py prints for pydicom: tag, VR and value (text
/// values as decoded, numbers, float bits, SHA-256 of binary values, sequences recursively, fragments).
/// </summary>
public static class CanonicalJson
{
    private static readonly HashSet<DicomVR> LeadingInsignificant =
        [DicomVR.AE, DicomVR.CS, DicomVR.DS, DicomVR.IS, DicomVR.LO, DicomVR.SH, DicomVR.DA, DicomVR.TM, DicomVR.DT];

    public static JsonArray Render(DicomDataset dataset)
    {
        var array = new JsonArray();
        foreach (var element in dataset)
        {
            array.Add(new JsonObject
            {
                ["tag"] = element.Tag.Value.ToString("X8"),
                ["vr"] = element.VR.Code(),
                ["value"] = RenderValue(element),
            });
        }

        return array;
    }

    private static JsonNode RenderValue(DicomElement element) => element switch
    {
        DicomSequence sequence => new JsonArray(sequence.Items.Select(item => (JsonNode)Render(item)).ToArray()),
        DicomFragmentSequence fragments => new JsonObject
        {
            ["offsets"] = Sha(fragments.OffsetTable.Span),
            ["fragments"] = new JsonArray(fragments.Fragments.Select(f => (JsonNode)Sha(f.Span)).ToArray()),
        },
        DicomValueElement value => RenderPrimitive(value),
        _ => throw new InvalidOperationException(element.GetType().Name),
    };

    private static JsonNode RenderPrimitive(DicomValueElement element)
    {
        var vr = element.VR;
        if (vr.IsText())
        {
            var values = element.GetStrings().Select(v => Normalise(vr, v)).ToArray();
            return Strings(values.Length == 1 && values[0].Length == 0 ? [] : values);
        }

        switch (vr)
        {
            case DicomVR.AT:
                return Strings(Enumerable.Range(0, element.ValueCount).Select(i => element.GetTag(i).Value.ToString("X8")));
            case DicomVR.FL or DicomVR.FD:
                var size = vr == DicomVR.FL ? 4 : 8;
                return Strings(element.Value.ToArray().Chunk(size).Where(c => c.Length == size).Select(c => Convert.ToHexStringLower(c)));
            case DicomVR.UV:
                return new JsonArray(element.GetNumbers<ulong>().Select(v => (JsonNode)v).ToArray());
            case DicomVR.US or DicomVR.SS or DicomVR.UL or DicomVR.SL or DicomVR.SV:
                return new JsonArray(element.GetNumbers<long>().Select(v => (JsonNode)v).ToArray());
            default:
                return Sha(element.Value.Span);
        }
    }

    private static string Normalise(DicomVR vr, string value)
    {
        value = value.TrimEnd(' ', '\0');
        if (vr == DicomVR.PN)
        {
            // PS3.5 6.2.1: trailing empty components and component groups may be left out.
            value = value.TrimEnd('=', '^', ' ');
        }

        return LeadingInsignificant.Contains(vr) ? value.TrimStart(' ', '\0') : value;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    // A value of odd length is padded to even length when written (PS3.5 7.1.1): one trailing NUL is not content.
    private static string Sha(ReadOnlySpan<byte> bytes) =>
        Convert.ToHexStringLower(SHA256.HashData(bytes.Length > 0 && bytes[^1] == 0 ? bytes[..^1] : bytes));
}

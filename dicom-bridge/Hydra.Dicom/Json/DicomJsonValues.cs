using System.Globalization;
using System.Text.Json;

namespace Hydra.Dicom.Json;

/// <summary>The <c>"Value"</c> array of text and numeric elements (PS3.18 F.2.3, F.2.5).</summary>
internal static class DicomJsonValues
{
    private static readonly JsonEncodedText[] PersonNameGroups =
        [JsonEncodedText.Encode("Alphabetic"), JsonEncodedText.Encode("Ideographic"), JsonEncodedText.Encode("Phonetic")];

    /// <summary>
    /// Text VRs: strings, except IS and DS as numbers (F.2.3; a value that is not a number stays a string, as CP 1861
    /// allows) and PN as objects (F.2.2). An empty value among several is null (F.2.5); a single empty value is no
    /// "Value" at all.
    /// </summary>
    public static void WriteText(Utf8JsonWriter json, JsonEncodedText name, DicomValueElement element)
    {
        var values = element.GetStrings();
        var isPersonName = element.VR == DicomVR.PN;
        if (values.Length == 0 || (values.Length == 1 && IsEmpty(values[0], isPersonName)))
        {
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            if (IsEmpty(value, isPersonName))
            {
                json.WriteNullValue();
                continue;
            }

            switch (element.VR)
            {
                case DicomVR.PN:
                    WritePersonName(json, value);
                    break;
                case DicomVR.IS:
                    WriteInteger(json, value);
                    break;
                case DicomVR.DS:
                    WriteDecimal(json, value);
                    break;
                default:
                    json.WriteStringValue(value);
                    break;
            }
        }

        json.WriteEndArray();
    }

    /// <summary>US SS UL SL FL FD SV UV as numbers, AT as 8-hex-digit strings (F.2.3).</summary>
    public static void WriteBinaryNumbers(Utf8JsonWriter json, JsonEncodedText name, DicomValueElement element)
    {
        json.WriteStartArray(name);
        switch (element.VR)
        {
            case DicomVR.AT:
                for (var i = 0; i < element.Value.Length / 4; i++)
                {
                    json.WriteStringValue(element.GetTag(i).Value.ToString("X8", CultureInfo.InvariantCulture));
                }

                break;
            case DicomVR.FL:
                foreach (var value in element.GetNumbers<float>())
                {
                    WriteReal(json, value, float.IsFinite(value));
                }

                break;
            case DicomVR.FD:
                foreach (var value in element.GetNumbers<double>())
                {
                    WriteReal(json, value, double.IsFinite(value));
                }

                break;
            case DicomVR.UV:
                foreach (var value in element.GetNumbers<ulong>())
                {
                    json.WriteNumberValue(value);
                }

                break;
            default:
                foreach (var value in element.GetNumbers<long>())
                {
                    json.WriteNumberValue(value);
                }

                break;
        }

        json.WriteEndArray();
    }

    // PS3.5 6.2.1: a name of only separators ("^^^^", "==") has nothing in it; dcm2json agrees.
    private static bool IsEmpty(string value, bool isPersonName) =>
        isPersonName ? value.AsSpan().TrimEnd("=^ ").IsEmpty : value.Length == 0;

    // F.2.2: component groups separated by '=' become Alphabetic, Ideographic and Phonetic; empty groups are left out.
    private static void WritePersonName(Utf8JsonWriter json, string value)
    {
        json.WriteStartObject();
        var groups = value.Split('=');
        for (var i = 0; i < Math.Min(groups.Length, PersonNameGroups.Length); i++)
        {
            var group = groups[i].TrimEnd(' ');
            if (!IsEmpty(group, isPersonName: true))
            {
                json.WriteString(PersonNameGroups[i], group);
            }
        }

        json.WriteEndObject();
    }

    private static void WriteInteger(Utf8JsonWriter json, string value)
    {
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            json.WriteNumberValue(number);
        }
        else
        {
            json.WriteStringValue(value);
        }
    }

    // A DS that is already a JSON number keeps its exact digits; "+1", ".5" or "007" go through double.
    private static void WriteDecimal(Utf8JsonWriter json, string value)
    {
        if (IsJsonNumber(value))
        {
            json.WriteRawValue(value);
        }
        else if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            json.WriteNumberValue(number);
        }
        else
        {
            json.WriteStringValue(value);
        }
    }

    // JSON has no NaN or infinity: they are written as the strings System.Text.Json reads back with
    // JsonNumberHandling.AllowNamedFloatingPointLiterals.
    private static void WriteReal(Utf8JsonWriter json, double value, bool finite)
    {
        if (finite)
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteStringValue(double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    private static void WriteReal(Utf8JsonWriter json, float value, bool finite)
    {
        if (finite)
        {
            json.WriteNumberValue(value);
        }
        else
        {
            WriteReal(json, (double)value, finite: false);
        }
    }

    // RFC 8259 section 6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    internal static bool IsJsonNumber(ReadOnlySpan<char> text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }

        if (i < text.Length && text[i] == '0')
        {
            i++;
        }
        else if (!Digits(text, ref i))
        {
            return false;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (!Digits(text, ref i))
            {
                return false;
            }
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            if (!Digits(text, ref i))
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static bool Digits(ReadOnlySpan<char> text, ref int i)
    {
        var start = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i > start;
    }
}

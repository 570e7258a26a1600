using System.Text.Json.Nodes;
using Hydra.Dicom.Tests.Support;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Json;

/// <summary>
/// The same corpus file through dcmtk's dcm2json and through <see cref="Json.DicomJsonWriter"/> gives the same DICOM
/// JSON for every non-binary element (binary values are compared by VR only: their inline form is a choice).
/// </summary>
public sealed class DicomJsonPeerTests
{
    // Every corpus file dcm2json 3.6.7 converts here (it refuses ISO 2022 Japanese and compressed pixel data), except
    // chrSQEncoding.dcm: dcm2json leaves its item's ISO 2022 names undecoded (escape sequences in the JSON).
    public static TheoryData<string> Files =>
    [
        "test_files/CT_small.dcm", "test_files/MR_small.dcm", "test_files/MR_small_bigendian.dcm", "test_files/MR_small_implicit.dcm",
        "test_files/MR_small_padded.dcm", "test_files/ExplVR_BigEnd.dcm", "test_files/SC_rgb_small_odd.dcm",
        "test_files/SC_ybr_full_422_uncompressed.dcm", "test_files/empty_charset_LEI.dcm", "test_files/image_dfl.dcm",
        "test_files/liver_1frame.dcm", "test_files/nested_priv_SQ.dcm", "test_files/priv_SQ.dcm", "test_files/reportsi.dcm",
        "test_files/reportsi_with_empty_number_tags.dcm", "test_files/rtdose.dcm", "test_files/rtplan.dcm", "test_files/rtstruct.dcm",
        "test_files/test-SR.dcm", "test_files/waveform_ecg.dcm", "charset_files/chrArab.dcm", "charset_files/chrFren.dcm",
        "charset_files/chrFrenMulti.dcm", "charset_files/chrGerm.dcm", "charset_files/chrGreek.dcm", "charset_files/chrHbrw.dcm",
        "charset_files/chrI2.dcm", "charset_files/chrKoreanMulti.dcm", "charset_files/chrRuss.dcm",
        "charset_files/chrX1.dcm", "charset_files/chrX2.dcm",
    ];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task WriteDataset_CorpusFile_SameJsonAsDcm2json(string label)
    {
        // Arrange
        var path = Pydicom.CorpusPath(label);
        var peer = await Dcmtk.RunAsync("dcm2json", "-fc", path).DefaultTimeout();
        Assert.True(peer.ExitCode == 0, peer.Output);
        var expected = JsonNode.Parse(peer.StandardOutput);

        // Act
        var actual = JsonNode.Parse(DicomJson.Write(DicomFile.Open(path).Dataset).GetRawText());

        // Assert
        JsonAssert.Same(Comparable(expected), Comparable(actual), "$");
    }

    [Fact]
    public void WriteDataset_ItemWithItsOwnCharacterSet_DecodesTheItemWithIt()
    {
        // Arrange: the top level is UTF-8, the item ISO 2022 IR 13 with IR 87 (the case dcm2json gets wrong).
        var dataset = DicomFile.Open(Pydicom.CorpusPath("charset_files/chrSQEncoding.dcm")).Dataset;

        // Act
        var json = DicomJson.Write(dataset);

        // Assert
        var item = json.Values(new DicomTag(0x0032, 0x1064))[0];
        var name = item.Values(new DicomTag(0x0010, 0x0010))[0];
        Assert.Equal("ﾔﾏﾀﾞ^ﾀﾛｳ", name.GetProperty("Alphabetic").GetString());
        Assert.Equal("山田^太郎", name.GetProperty("Ideographic").GetString());
        Assert.Equal("やまだ^たろう", name.GetProperty("Phonetic").GetString());
        Assert.Equal("ISO_IR 192", item.Values(new DicomTag(0x0008, 0x0005))[0].GetString());
    }

    // The comparable view: no group lengths, binary values reduced to their VR, numbers as doubles (FL as float:
    // both sides print the shortest text that reads back as the same float, in different ways).
    private static JsonObject Comparable(JsonNode? node)
    {
        var result = new JsonObject();
        foreach (var (key, value) in node!.AsObject())
        {
            if (key.EndsWith("0000", StringComparison.Ordinal))
            {
                continue;
            }

            var vr = (string)value!["vr"]!;
            var element = new JsonObject { ["vr"] = vr };
            if (value["Value"] is JsonArray values && vr is not ("OB" or "OD" or "OF" or "OL" or "OV" or "OW" or "UN"))
            {
                element["Value"] = new JsonArray(values.Select(v => Comparable(vr, v)).ToArray());
            }

            result[key] = element;
        }

        return result;
    }

    private static JsonNode? Comparable(string vr, JsonNode? value) => value switch
    {
        null => null,
        JsonObject item when vr == "SQ" => Comparable(item),
        JsonValue number when number.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            vr == "FL" ? (double)(float)number.GetValue<double>() : number.GetValue<double>(),
        _ => value.DeepClone(),
    };
}

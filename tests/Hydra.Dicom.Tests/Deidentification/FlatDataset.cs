using System.Globalization;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>
/// A data set flattened to paths ("(0008,1115)[0]/(0008,1155)") and value elements, to compare two data sets element by
/// element whatever their encodings: values compare by bytes with trailing padding (space, NUL) ignored.
/// </summary>
internal sealed class FlatDataset
{
    private FlatDataset(Dictionary<string, DicomValueElement> values) => Values = values;

    /// <summary>Every value element by path; sequences contribute their items' paths.</summary>
    public Dictionary<string, DicomValueElement> Values { get; }

    public static FlatDataset Of(DicomDataset dataset)
    {
        var values = new Dictionary<string, DicomValueElement>(StringComparer.Ordinal);
        Add(dataset, string.Empty, values);
        return new FlatDataset(values);
    }

    /// <summary>The value bytes without trailing padding.</summary>
    public static ReadOnlySpan<byte> Trimmed(DicomValueElement element) => element.Value.Span.TrimEnd((byte)0).TrimEnd((byte)' ');

    /// <summary>True when both elements hold the same value.</summary>
    public static bool SameValue(DicomValueElement a, DicomValueElement b) => Trimmed(a).SequenceEqual(Trimmed(b));

    private static void Add(DicomDataset dataset, string prefix, Dictionary<string, DicomValueElement> values)
    {
        foreach (var element in dataset)
        {
            var path = prefix + element.Tag;
            switch (element)
            {
                case DicomValueElement value:
                    values[path] = value;
                    break;
                case DicomSequence sequence:
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        Add(sequence.Items[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]/"), values);
                    }

                    break;
            }
        }
    }
}

using System.Text;

namespace Hydra.Dicom.Tests.Network.Support;

/// <summary>
/// A canonical text of a data set to compare two as data sets: tag, VR and value bytes (hex) of each element, items
/// and fragments in order, group lengths left out (senders add or drop them freely).
/// </summary>
public static class DatasetText
{
    // (FFFC,FFFC) Data Set Trailing Padding carries no data (PS3.10 7.2); dcmtk drops it when it sends a file.
    private static readonly DicomTag TrailingPadding = new(0xFFFC, 0xFFFC);

    public static string Describe(DicomDataset dataset)
    {
        var text = new StringBuilder();
        Append(text, dataset, 0);
        return text.ToString();
    }

    private static void Append(StringBuilder text, DicomDataset dataset, int depth)
    {
        foreach (var element in dataset)
        {
            if (element.Tag.IsGroupLength || element.Tag == TrailingPadding)
            {
                continue;
            }

            // Implicit VR cannot carry the VR of private elements (PS3.5 7.8): they read back as UN.
            text.Append(' ', depth * 2).Append(element.Tag).Append(' ').Append(element.Tag.IsPrivate ? "private" : element.VR.ToString());
            switch (element)
            {
                case DicomValueElement value:
                    text.Append(' ').Append(Convert.ToHexString(Trim(value).Span)).AppendLine();
                    break;
                case DicomSequence sequence:
                    text.AppendLine();
                    foreach (var item in sequence.Items)
                    {
                        text.Append(' ', depth * 2).AppendLine("item");
                        Append(text, item, depth + 1);
                    }

                    break;
                case DicomFragmentSequence fragments:
                    text.Append(" offsets ").AppendLine(Convert.ToHexString(fragments.OffsetTable.Span));
                    foreach (var fragment in fragments.Fragments)
                    {
                        text.Append(' ', (depth + 1) * 2).AppendLine(Convert.ToHexString(fragment.Span));
                    }

                    break;
            }
        }
    }

    // Trailing spaces and NULs of text are padding (PS3.5 6.2); senders pad to even length in their own way.
    private static ReadOnlyMemory<byte> Trim(DicomValueElement value)
    {
        var bytes = value.Value;
        if (!value.VR.IsText() && !value.Tag.IsPrivate)
        {
            return bytes;
        }

        var end = bytes.Length;
        while (end > 0 && bytes.Span[end - 1] is 0 or (byte)' ')
        {
            end--;
        }

        return bytes[..end];
    }
}

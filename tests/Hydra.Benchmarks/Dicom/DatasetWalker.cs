using Hydra.Dicom;

namespace Hydra.Benchmarks.Dicom;

/// <summary>
/// The full walk both sides time: every element at every depth, every value accessed as its natural type (text
/// decoded and split, numbers unpacked, binary values touched), as iterating a pydicom data set converts them.
/// </summary>
public static class DatasetWalker
{
    public static int Walk(DicomDataset dataset)
    {
        var count = 0;
        foreach (var element in dataset)
        {
            count += element switch
            {
                DicomSequence sequence => sequence.Items.Sum(Walk),
                DicomFragmentSequence fragments => fragments.Fragments.Count,
                DicomValueElement value => Access(value),
                _ => 0,
            };
            count++;
        }

        return count;
    }

    private static int Access(DicomValueElement element) => element.VR switch
    {
        _ when element.VR.IsText() => element.GetStrings().Length,
        DicomVR.US or DicomVR.SS or DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.FD or DicomVR.SV or DicomVR.UV =>
            element.GetNumbers<double>().Length,
        DicomVR.AT => element.ValueCount > 0 ? element.GetTag().Element : 0,
        _ => element.Value.Length > 0 ? 1 : 0,
    };
}

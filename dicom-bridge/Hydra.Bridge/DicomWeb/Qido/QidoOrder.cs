using Hydra.Dicom;
using Hydra.Dicom.Dictionary;

namespace Hydra.Bridge.DicomWeb.Qido;

/// <summary>
/// The stable order of results, so offset paging neither repeats nor skips: study date, study UID, series number,
/// series UID, instance number, SOP instance UID (absent numbers last, UIDs ordinal).
/// </summary>
internal sealed class QidoOrder : IComparer<DicomDataset>
{
    public static QidoOrder Instance { get; } = new();

    public int Compare(DicomDataset? x, DicomDataset? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var order = Text(x, y, DicomTags.StudyDate);
        order = order != 0 ? order : Text(x, y, DicomTags.StudyInstanceUID);
        order = order != 0 ? order : Number(x, y, DicomTags.SeriesNumber);
        order = order != 0 ? order : Text(x, y, DicomTags.SeriesInstanceUID);
        order = order != 0 ? order : Number(x, y, DicomTags.InstanceNumber);
        return order != 0 ? order : Text(x, y, DicomTags.SOPInstanceUID);
    }

    private static int Text(DicomDataset x, DicomDataset y, DicomTag tag) =>
        string.CompareOrdinal(x.GetString(tag) ?? string.Empty, y.GetString(tag) ?? string.Empty);

    private static int Number(DicomDataset x, DicomDataset y, DicomTag tag) =>
        NumberOf(x, tag).CompareTo(NumberOf(y, tag));

    private static long NumberOf(DicomDataset dataset, DicomTag tag) =>
        dataset.TryGetNumber<long>(tag, out var number) ? number : long.MaxValue;
}

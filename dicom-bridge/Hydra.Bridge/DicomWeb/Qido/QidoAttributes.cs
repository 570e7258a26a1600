using Hydra.Dicom;
using Hydra.Dicom.Dictionary;

namespace Hydra.Bridge.DicomWeb.Qido;

/// <summary>
/// Which attributes each level matches on and returns by default (PS3.18 Tables 10.6.1-5 and 10.6.3-3 to -5, with
/// the patient attributes a study search commonly carries). A key on an attribute the catalog does not hold (StudyTime,
/// AccessionNumber, ...) is accepted and matches only universally: de-identification left nothing to match it with.
/// </summary>
internal static class QidoAttributes
{
    public static IReadOnlyList<DicomTag> StudyKeys { get; } =
    [
        DicomTags.StudyDate, DicomTags.StudyTime, DicomTags.AccessionNumber, DicomTags.ModalitiesInStudy,
        DicomTags.ReferringPhysicianName, DicomTags.PatientName, DicomTags.PatientID, DicomTags.PatientBirthDate,
        DicomTags.PatientSex, DicomTags.StudyInstanceUID, DicomTags.StudyID, DicomTags.StudyDescription,
    ];

    public static IReadOnlyList<DicomTag> SeriesKeys { get; } =
    [
        DicomTags.Modality, DicomTags.SeriesInstanceUID, DicomTags.SeriesNumber, DicomTags.SeriesDescription,
        DicomTags.BodyPartExamined, DicomTags.SeriesDate, DicomTags.PerformedProcedureStepStartDate,
        DicomTags.PerformedProcedureStepStartTime,
    ];

    public static IReadOnlyList<DicomTag> InstanceKeys { get; } = [DicomTags.SOPClassUID, DicomTags.SOPInstanceUID, DicomTags.InstanceNumber];

    private static readonly DicomTag[] StudyReturned =
    [
        DicomTags.StudyDate, DicomTags.StudyTime, DicomTags.AccessionNumber, DicomTags.ModalitiesInStudy,
        DicomTags.ReferringPhysicianName, DicomTags.RetrieveURL, DicomTags.PatientName, DicomTags.PatientID,
        DicomTags.PatientBirthDate, DicomTags.PatientSex, DicomTags.StudyInstanceUID, DicomTags.StudyID,
        DicomTags.NumberOfStudyRelatedSeries, DicomTags.NumberOfStudyRelatedInstances,
    ];

    private static readonly DicomTag[] SeriesReturned =
    [
        DicomTags.Modality, DicomTags.SeriesDescription, DicomTags.RetrieveURL, DicomTags.SeriesInstanceUID,
        DicomTags.SeriesNumber, DicomTags.NumberOfSeriesRelatedInstances, DicomTags.PerformedProcedureStepStartDate,
        DicomTags.PerformedProcedureStepStartTime,
    ];

    private static readonly DicomTag[] InstanceReturned =
    [
        DicomTags.SOPClassUID, DicomTags.SOPInstanceUID, DicomTags.RetrieveURL, DicomTags.InstanceNumber,
        DicomTags.Rows, DicomTags.Columns, DicomTags.BitsAllocated, DicomTags.NumberOfFrames,
    ];

    /// <summary>
    /// The level whose matching keys include <paramref name="tag"/> within a search at <paramref name="level"/>, or
    /// null when it is not a matching key there (a search of series may also match on study attributes, PS3.18 10.6.1.3).
    /// </summary>
    public static QidoLevel? KeyLevel(DicomTag tag, QidoLevel level)
    {
        if (StudyKeys.Contains(tag))
        {
            return QidoLevel.Study;
        }

        if (level >= QidoLevel.Series && SeriesKeys.Contains(tag))
        {
            return QidoLevel.Series;
        }

        return level == QidoLevel.Instance && InstanceKeys.Contains(tag) ? QidoLevel.Instance : null;
    }

    /// <summary>
    /// The attributes returned without includefield (PS3.18 10.6.3.3): the level's own, the levels above it that
    /// the path leaves open, and the UIDs of the levels the path fixes.
    /// </summary>
    public static HashSet<DicomTag> DefaultReturned(QidoScope scope)
    {
        var tags = new HashSet<DicomTag>();
        if (scope.Level == QidoLevel.Study || scope.StudyInstanceUid is null)
        {
            tags.UnionWith(StudyReturned);
        }
        else
        {
            tags.Add(DicomTags.StudyInstanceUID);
        }

        if (scope.Level >= QidoLevel.Series)
        {
            if (scope.Level == QidoLevel.Series || scope.SeriesInstanceUid is null)
            {
                tags.UnionWith(SeriesReturned);
            }
            else
            {
                tags.Add(DicomTags.SeriesInstanceUID);
            }
        }

        if (scope.Level == QidoLevel.Instance)
        {
            tags.UnionWith(InstanceReturned);
        }

        return tags;
    }
}

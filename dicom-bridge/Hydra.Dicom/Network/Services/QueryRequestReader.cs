using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Network.Protocol;

namespace Hydra.Dicom.Network.Services;

/// <summary>Checks what C-FIND, C-GET and C-MOVE requests share: the model of the context, the identifier and its level (PS3.4 C.4).</summary>
internal static class QueryRequestReader
{
    /// <summary>The level, or the failure response to send (A900 with the reason, as PS3.4 C.4.1.1.4 prescribes).</summary>
    public static (DicomQueryLevel Level, FinalResponse? Failure) Read(IncomingRequest request, IReadOnlySet<string> models)
    {
        var model = request.Context.AbstractSyntax;
        if (!models.Contains(model) || !string.Equals(request.Command.AffectedSopClassUid, model, StringComparison.Ordinal))
        {
            return (default, new FinalResponse(DicomStatus.SopClassNotSupported, "The SOP class does not fit this operation or context."));
        }

        if (request.Dataset is not { } identifier)
        {
            return (default, new FinalResponse(DicomStatus.DatasetDoesNotMatchSopClass, "The request has no identifier."));
        }

        if (!DicomQueryLevels.TryParse(identifier.GetString(DicomTags.QueryRetrieveLevel), out var level))
        {
            return (default, new FinalResponse(DicomStatus.DatasetDoesNotMatchSopClass, "Query/Retrieve Level (0008,0052) is missing or invalid."));
        }

        var allowed = model switch
        {
            DicomSopClasses.StudyRootFind or DicomSopClasses.StudyRootGet or DicomSopClasses.StudyRootMove => level != DicomQueryLevel.Patient,
            DicomSopClasses.PatientStudyOnlyFind or DicomSopClasses.PatientStudyOnlyGet or DicomSopClasses.PatientStudyOnlyMove =>
                level is DicomQueryLevel.Patient or DicomQueryLevel.Study,
            _ => true,
        };
        return allowed
            ? (level, null)
            : (level, new FinalResponse(DicomStatus.DatasetDoesNotMatchSopClass, "This information model has no such Query/Retrieve Level."));
    }
}

namespace Hydra.Bridge.Patients;

/// <summary>Log events of the patient services (EventIds 2060-2069): pseudonyms, study UIDs and node ids only.</summary>
internal static partial class PatientLog
{
    [LoggerMessage(EventId = 2060, EventName = "PatientSignedIn", Level = LogLevel.Information,
        Message = "Patient {Pseudonym} signed in")]
    public static partial void SignedIn(ILogger logger, string pseudonym);

    [LoggerMessage(EventId = 2061, EventName = "PatientImageOpened", Level = LogLevel.Information,
        Message = "Patient {Pseudonym} opened image {SopInstanceUid}")]
    public static partial void ImageOpened(ILogger logger, string pseudonym, string sopInstanceUid);

    [LoggerMessage(EventId = 2062, EventName = "PatientStudyZipped", Level = LogLevel.Information,
        Message = "Patient {Pseudonym} downloaded study {StudyInstanceUid}: {Images} images, {Refused} keys refused")]
    public static partial void StudyZipped(ILogger logger, string pseudonym, string studyInstanceUid, int images, int refused);

    [LoggerMessage(EventId = 2063, EventName = "PatientAskedForOthers", Level = LogLevel.Warning,
        Message = "Patient {Pseudonym} asked for {What} {Uid}, which is not theirs (or does not exist)")]
    public static partial void NotTheirs(ILogger logger, string pseudonym, string what, string uid);

    [LoggerMessage(EventId = 2064, EventName = "PatientAccessLogRead", Level = LogLevel.Information,
        Message = "Patient {Pseudonym} read the access log of {Keys} keys: {Events} events; nodes not read: {Unreachable}")]
    public static partial void AccessLogRead(ILogger logger, string pseudonym, int keys, int events, IReadOnlyList<string> unreachable);

    [LoggerMessage(EventId = 2065, EventName = "PatientWithdrewResearch", Level = LogLevel.Information,
        Message = "Patient {Pseudonym} withdrew research access to study {StudyInstanceUid}: {Principals} denied on {Keys} keys, complete: {Complete}")]
    public static partial void WithdrewResearch(ILogger logger, string pseudonym, string studyInstanceUid, IReadOnlyList<string> principals, int keys, bool complete);

    [LoggerMessage(EventId = 2066, EventName = "PatientWithdrawalIncomplete", Level = LogLevel.Warning,
        Message = "Withdrawal of {Principal} from study {StudyInstanceUid} did not reach every node: {Reason}")]
    public static partial void WithdrawalIncomplete(ILogger logger, string principal, string studyInstanceUid, string reason);
}

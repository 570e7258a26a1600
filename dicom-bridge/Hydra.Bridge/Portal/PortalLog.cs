namespace Hydra.Bridge.Portal;

/// <summary>
/// Log events of the portal (EventIds 2070-2083). They name patients by pseudonym only, readers by their token's
/// subject: never the hospital's identifier, a name or a token.
/// </summary>
internal static partial class PortalLog
{
    [LoggerMessage(EventId = 2070, EventName = "PortalListening", Level = LogLevel.Information,
        Message = "Patient portal listening on https://{EndPoint}/, trusting the OpenID provider {Authority}.")]
    public static partial void Listening(ILogger logger, string endPoint, string authority);

    [LoggerMessage(EventId = 2071, EventName = "PatientSignedIn", Level = LogLevel.Information,
        Message = "Patient {Pseudonym} signed in.")]
    public static partial void SignedIn(ILogger logger, string pseudonym);

    [LoggerMessage(EventId = 2072, EventName = "SignInRefused", Level = LogLevel.Warning,
        Message = "A sign-in was refused: {Reason}")]
    public static partial void SignInRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 2073, EventName = "PatientSignedOut", Level = LogLevel.Information,
        Message = "Patient {Pseudonym} signed out.")]
    public static partial void SignedOut(ILogger logger, string pseudonym);

    [LoggerMessage(EventId = 2074, EventName = "SessionRejected", Level = LogLevel.Warning,
        Message = "A session cookie of patient {Pseudonym} was presented after its session ended; refused.")]
    public static partial void SessionRejected(ILogger logger, string pseudonym);

    [LoggerMessage(EventId = 2075, EventName = "SignInLimited", Level = LogLevel.Warning,
        Message = "Sign-in from {Address} refused: more than {PerMinute} a minute (Bridge:Portal:SignInPerMinute).")]
    public static partial void SignInLimited(ILogger logger, string address, int perMinute);

    [LoggerMessage(EventId = 2076, EventName = "ResearchWithdrawn", Level = LogLevel.Information,
        Message = "Patient {Pseudonym} withdrew research access to study {StudyInstanceUid}: {Principals} denied on {Keys} keys (every node: {Complete}).")]
    public static partial void Withdrawn(ILogger logger, string pseudonym, string studyInstanceUid, string principals, int keys, bool complete);

    [LoggerMessage(EventId = 2077, EventName = "AntiforgeryRefused", Level = LogLevel.Warning,
        Message = "A {Path} form without a valid antiforgery token was refused; nothing changed.")]
    public static partial void AntiforgeryRefused(ILogger logger, string path);

    [LoggerMessage(EventId = 2078, EventName = "ImageNotRenderable", Level = LogLevel.Warning,
        Message = "Image {SopInstanceUid} could not be rendered for the portal: {Reason}")]
    public static partial void NotRenderable(ILogger logger, string sopInstanceUid, string reason);

    [LoggerMessage(EventId = 2079, EventName = "ReaderSignedIn", Level = LogLevel.Information,
        Message = "Reader {Subject} (groups {Groups}) signed in with a token; the session ends at {Expires}.")]
    public static partial void ReaderSignedIn(ILogger logger, string subject, IReadOnlyList<string> groups, DateTimeOffset expires);

    [LoggerMessage(EventId = 2080, EventName = "ReaderSignedOut", Level = LogLevel.Information,
        Message = "Reader {Subject} signed out.")]
    public static partial void ReaderSignedOut(ILogger logger, string subject);

    [LoggerMessage(EventId = 2081, EventName = "ReaderSessionRejected", Level = LogLevel.Information,
        Message = "A reader's session cookie was presented after its session ended (signed out, or the token expired); refused.")]
    public static partial void ReaderSessionRejected(ILogger logger);

    [LoggerMessage(EventId = 2082, EventName = "ReaderStudyZipped", Level = LogLevel.Information,
        Message = "Reader {Subject} downloaded study {StudyInstanceUid} from the portal: {Images} images, {Refused} keys refused.")]
    public static partial void ReaderStudyZipped(ILogger logger, string subject, string studyInstanceUid, int images, int refused);

    [LoggerMessage(EventId = 2083, EventName = "ReaderAskedForUnreadable", Level = LogLevel.Warning,
        Message = "Reader {Subject} asked the portal for {What} {Uid}, which they may not read (or which does not exist).")]
    public static partial void NotReadable(ILogger logger, string subject, string what, string uid);
}

namespace Hydra.Bridge.Portal;

/// <summary>
/// Log events of the patient portal (EventIds 2070-2079). They name patients by pseudonym only: never the hospital's
/// identifier, a name or a token.
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
}

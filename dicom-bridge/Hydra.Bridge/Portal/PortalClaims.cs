using System.Globalization;
using System.Security.Claims;
using Hydra.Access;
using Hydra.Bridge.Patients;

namespace Hydra.Bridge.Portal;

/// <summary>
/// What the session cookie holds: for a patient the pseudonym, the date offset and a random session id (so logout can
/// end it); for a reader the session id and a kind marker only (who they are, and their token, stay in
/// <see cref="PortalSessions"/>). Never the hospital identifier, a name or a token.
/// </summary>
internal static class PortalClaims
{
    public const string Pseudonym = "hydra:patient";
    public const string DateOffset = "hydra:date-offset";
    public const string SessionId = "hydra:sid";
    public const string Kind = "hydra:kind";
    public const string ReaderKind = "reader";

    public static ClaimsPrincipal Principal(PatientSession session, string sessionId, string scheme)
    {
        var claims = new List<Claim> { new(Pseudonym, session.Patient.Value), new(SessionId, sessionId) };
        if (session.DateOffsetDays is { } offset)
        {
            claims.Add(new Claim(DateOffset, offset.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer32));
        }

        // The pseudonym doubles as the name claim, which antiforgery tokens bind to.
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, Pseudonym, null));
    }

    /// <summary>A reader's cookie: the session id (also the name claim, which antiforgery tokens bind to) and the kind.</summary>
    public static ClaimsPrincipal Reader(string sessionId, string scheme) =>
        new(new ClaimsIdentity([new Claim(SessionId, sessionId), new Claim(Kind, ReaderKind)], scheme, SessionId, null));

    /// <summary>The session id of a signed-in reader's cookie, or null (anonymous, or a patient).</summary>
    public static string? ReaderSessionId(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.FindFirst(Kind)?.Value == ReaderKind ? user.FindFirst(SessionId)?.Value : null;

    /// <summary>The signed-in patient, or null (anonymous, or a cookie whose claims do not parse).</summary>
    public static PatientSession? Session(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true || user.FindFirst(Pseudonym)?.Value is not { } text || !PatientPseudonym.TryParse(text, out var patient, out _))
        {
            return null;
        }

        int? offset = user.FindFirst(DateOffset)?.Value is { } days && int.TryParse(days, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
        return new PatientSession(patient, offset);
    }
}

using System.Globalization;
using System.Security.Claims;
using Hydra.Access;
using Hydra.Bridge.Patients;

namespace Hydra.Bridge.Portal;

/// <summary>
/// What the session cookie holds: the pseudonym, the date offset and a random session id (so logout can end it),
/// nothing else: never the hospital identifier, a name or a token.
/// </summary>
internal static class PortalClaims
{
    public const string Pseudonym = "hydra:patient";
    public const string DateOffset = "hydra:date-offset";
    public const string SessionId = "hydra:sid";

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

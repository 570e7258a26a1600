using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Hydra.Grid;

namespace Hydra.Access;

/// <summary>
/// Who an ACL entry or a node role applies to: <c>dn:/DC=org/.../CN=Name</c>, <c>fqan:/vo/group/*</c>
/// (Argus-style patterns, see <see cref="FqanPattern"/>), <c>oidc:https://issuer#subject</c> (the subject of a JWT
/// access token from that issuer), <c>patient:PSEUDONYM</c> (a patient, by pseudonym) or <c>any</c>.
/// </summary>
public sealed class Principal : IEquatable<Principal>
{
    private const string DnPrefix = "dn:";
    private const string FqanPrefix = "fqan:";
    private const string OidcPrefix = "oidc:";
    private const string PatientPrefix = "patient:";
    private const string AnyText = "any";

    private readonly DistinguishedName? _dn;
    private readonly FqanPattern? _pattern;
    private readonly TokenSubject? _token;
    private readonly PatientPseudonym? _patient;

    private Principal(
        PrincipalKind kind, string canonical, DistinguishedName? dn, FqanPattern? pattern, TokenSubject? token = null, PatientPseudonym? patient = null)
    {
        Kind = kind;
        Canonical = canonical;
        _dn = dn;
        _pattern = pattern;
        _token = token;
        _patient = patient;
    }

    public PrincipalKind Kind { get; }

    /// <summary>The normalised text form, stable for storage and comparison.</summary>
    public string Canonical { get; }

    /// <summary>
    /// Any authenticated person: a user certificate or a proxy of one, or a token holder; never a service's host
    /// certificate, nor a patient named by a patient delegate.
    /// </summary>
    public static Principal Any { get; } = new(PrincipalKind.Any, AnyText, null, null);

    /// <summary>The principal naming exactly <paramref name="subject"/>.</summary>
    public static Principal ForSubject(DistinguishedName subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return new Principal(PrincipalKind.DistinguishedName, DnPrefix + subject, subject, null);
    }

    /// <summary>The principal naming exactly the subject of tokens from one issuer.</summary>
    public static Principal ForToken(TokenSubject token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new Principal(PrincipalKind.Oidc, OidcPrefix + token, null, null, token);
    }

    /// <summary>The principal naming exactly one patient, by pseudonym.</summary>
    public static Principal ForPatient(PatientPseudonym patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return new Principal(PrincipalKind.Patient, PatientPrefix + patient, null, null, patient: patient);
    }

    /// <summary>Parses a principal; the exception names what is wrong with the text.</summary>
    public static Principal Parse(string text)
    {
        if (!TryParse(text, out var principal, out var error))
        {
            throw new FormatException(error);
        }

        return principal;
    }

    public static bool TryParse(
        string? text,
        [NotNullWhen(true)] out Principal? principal,
        [NotNullWhen(false)] out string? error) =>
        TryParse(text, stored: false, out principal, out error);

    /// <summary>
    /// Parses a principal read back from storage (a node's data file, the bridge's catalog). Control characters and
    /// FQAN segments that are no names were accepted before they were refused as input; entries already stored with
    /// them keep their meaning, so that old files open. Never for new input.
    /// </summary>
    public static Principal ParseStored(string text)
    {
        if (!TryParse(text, stored: true, out var principal, out var error))
        {
            throw new FormatException(error);
        }

        return principal;
    }

    private static bool TryParse(string? text, bool stored, [NotNullWhen(true)] out Principal? principal, [NotNullWhen(false)] out string? error)
    {
        principal = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "A principal is empty; expected 'dn:<slash DN>', 'fqan:<pattern>', 'oidc:<issuer>#<subject>', 'patient:<pseudonym>' or 'any'.";
            return false;
        }

        // No certificate subject or VOMS attribute holds one; a NUL would cut the text short in C tools and logs.
        if (!stored && text.Any(char.IsControl))
        {
            error = $"Principal '{Printable(text)}' holds a control character.";
            return false;
        }

        if (text.Equals(AnyText, StringComparison.OrdinalIgnoreCase))
        {
            principal = Any;
            error = null;
            return true;
        }

        if (text.StartsWith(DnPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return TryParseDn(text[DnPrefix.Length..], out principal, out error);
        }

        if (text.StartsWith(FqanPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return TryParseFqan(text[FqanPrefix.Length..], stored, out principal, out error);
        }

        if (text.StartsWith(OidcPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return TryParseOidc(text[OidcPrefix.Length..], out principal, out error);
        }

        if (text.StartsWith(PatientPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return TryParsePatient(text[PatientPrefix.Length..], out principal, out error);
        }

        error = $"Principal '{text}' must start with 'dn:' or 'fqan:' (or 'oidc:' for a token subject, 'patient:' for a patient), or be 'any'.";
        return false;
    }

    private static bool TryParseDn(string value, out Principal? principal, out string? error)
    {
        principal = null;
        try
        {
            var dn = DistinguishedName.Parse(value);
            if (dn.IsEmpty)
            {
                error = "A 'dn:' principal needs a distinguished name such as /DC=org/O=Hospital/CN=Name.";
                return false;
            }

            principal = ForSubject(dn);
            error = null;
            return true;
        }
        catch (FormatException ex)
        {
            error = $"Principal 'dn:{value}' is not a distinguished name: {ex.Message}";
            return false;
        }
    }

    private static bool TryParseFqan(string value, bool stored, out Principal? principal, out string? error)
    {
        principal = null;

        // VOMS FQANs are /vo[/group[/subgroup...]][/Role=r][/Capability=c] (OGF GFD.182, VOMS Attribute Certificate
        // Format), each name non-empty: an empty, '.' or '..' segment names no group and only looks like a path.
        if (!stored && value.Split('/').Skip(1).FirstOrDefault(s => s is "" or "." or "..") is { } segment)
        {
            error = $"Principal 'fqan:{value}' has an {(segment.Length == 0 ? "empty" : $"'{segment}'")} segment; FQAN groups are names.";
            return false;
        }

        if (!FqanPattern.TryParse(value, out var pattern))
        {
            error = $"Principal 'fqan:{value}' is not an FQAN pattern; expected /vo, /vo/group, /vo/group/* or /vo/group/Role=name.";
            return false;
        }

        principal = new Principal(PrincipalKind.Fqan, FqanPrefix + pattern, null, pattern);
        error = null;
        return true;
    }

    private static bool TryParseOidc(string value, out Principal? principal, out string? error)
    {
        principal = null;
        if (!TokenSubject.TryParse(value, out var token, out var problem))
        {
            error = $"Principal 'oidc:{value}' {problem}";
            return false;
        }

        principal = ForToken(token);
        error = null;
        return true;
    }

    private static bool TryParsePatient(string value, out Principal? principal, out string? error)
    {
        principal = null;
        if (!PatientPseudonym.TryParse(value, out var patient, out var problem))
        {
            error = $"Principal 'patient:{value}' {problem}";
            return false;
        }

        principal = ForPatient(patient);
        error = null;
        return true;
    }

    /// <summary>The text with control characters shown as <c>\uXXXX</c>, for messages that name hostile input.</summary>
    public static string Printable(string text) =>
        string.Concat(text.Select(c => char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : c.ToString()));

    /// <summary>Whether <paramref name="caller"/> is covered by this principal.</summary>
    public bool Matches(CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Kind switch
        {
            // A service's host certificate is no person: "any" granting it shares would let a node collect its peers'.
            // Nor does it cover a patient: a key reaches a patient only when its ACL names that patient.
            PrincipalKind.Any => !caller.IsHost && caller.Patient is null,
            PrincipalKind.DistinguishedName => caller.Token is null && caller.Patient is null && _dn!.Equals(caller.Subject),
            PrincipalKind.Fqan => _pattern!.MatchesAny(caller.Fqans),
            PrincipalKind.Oidc => _token!.Equals(caller.Token),
            PrincipalKind.Patient => _patient!.Equals(caller.Patient),
            _ => false,
        };
    }

    /// <summary>Whether this principal names exactly <paramref name="caller"/> (a <c>dn:</c>, <c>oidc:</c> or <c>patient:</c> principal): the owner test.</summary>
    public bool Names(CallerIdentity caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Kind switch
        {
            PrincipalKind.DistinguishedName => caller.Token is null && caller.Patient is null && _dn!.Equals(caller.Subject),
            PrincipalKind.Oidc => _token!.Equals(caller.Token),
            PrincipalKind.Patient => _patient!.Equals(caller.Patient),
            _ => false,
        };
    }

    public bool Equals(Principal? other) => other is not null && string.Equals(Canonical, other.Canonical, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Principal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Canonical);

    public override string ToString() => Canonical;
}

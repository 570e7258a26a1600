using System.Diagnostics.CodeAnalysis;

namespace Hydra.Access;

/// <summary>
/// The subject of JWT access tokens from one issuer, written <c>issuer#subject</c>. Both parts compare exactly, as
/// OpenID Connect Core 1.0 §2 says of <c>iss</c> and <c>sub</c>: a subject is unique only within its issuer.
/// </summary>
public sealed record TokenSubject
{
    /// <summary>OpenID Connect Core 1.0 §2: a subject is at most 255 ASCII characters.</summary>
    public const int MaxSubjectLength = 255;

    /// <summary>Longer than any issuer URL in use; bounds what a stored ACL entry can hold.</summary>
    public const int MaxIssuerLength = 512;

    public TokenSubject(string issuer, string subject)
    {
        if (Problem(issuer, subject) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        Issuer = issuer;
        Subject = subject;
    }

    /// <summary>The issuer identifier (an https URL, or http on the loopback address in tests), exactly as in <c>iss</c>.</summary>
    public string Issuer { get; }

    /// <summary>The subject, exactly as in <c>sub</c>.</summary>
    public string Subject { get; }

    /// <summary>
    /// Parses <c>issuer#subject</c>. An issuer URL has no fragment (OpenID Connect Discovery 1.0 §2), so the first
    /// '#' ends it; a subject may itself hold '#'.
    /// </summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out TokenSubject? token, [NotNullWhen(false)] out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        token = null;
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0)
        {
            problem = "needs the form oidc:<issuer URL>#<subject>.";
            return false;
        }

        var issuer = text[..hash];
        var subject = text[(hash + 1)..];
        problem = Problem(issuer, subject);
        if (problem is not null)
        {
            return false;
        }

        token = new TokenSubject(issuer, subject);
        return true;
    }

    private static string? Problem(string issuer, string subject)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(subject);
        if (issuer.Length > MaxIssuerLength
            || !Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Query.Length > 0 || issuer.Contains('#', StringComparison.Ordinal))
        {
            return "needs an issuer that is an https URL without query or fragment.";
        }

        if (subject.Length is 0 or > MaxSubjectLength || subject.Any(c => char.IsControl(c) || c > '\u007e'))
        {
            return $"needs a subject of 1 to {MaxSubjectLength} printable ASCII characters.";
        }

        return null;
    }

    public override string ToString() => $"{Issuer}#{Subject}";
}

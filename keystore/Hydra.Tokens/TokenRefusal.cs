namespace Hydra.Tokens;

/// <summary>Why a token was refused.</summary>
public enum TokenRefusal
{
    /// <summary>Not a compact signed JWT, or a required claim is missing or of the wrong type.</summary>
    Malformed,

    /// <summary>Longer than <see cref="TokenIssuerOptions.MaxTokenLength"/>; refused before it is parsed.</summary>
    TooLarge,

    /// <summary>The header's <c>typ</c> is neither <c>at+jwt</c> nor, for a WLCG token, <c>JWT</c>.</summary>
    WrongType,

    /// <summary>The <c>iss</c> claim names no configured issuer.</summary>
    UnknownIssuer,

    /// <summary>The header's <c>alg</c> is not allowed for the issuer (<c>none</c> and HMAC never are).</summary>
    AlgorithmNotAllowed,

    /// <summary>The issuer's keys hold no key with the token's <c>kid</c>, even after a refresh.</summary>
    UnknownKey,

    /// <summary>The signature does not verify with the issuer's key.</summary>
    BadSignature,

    /// <summary>No accepted audience is in <c>aud</c>.</summary>
    WrongAudience,

    /// <summary>Past <c>exp</c> by more than the leeway.</summary>
    Expired,

    /// <summary>Before <c>nbf</c> or <c>iat</c> by more than the leeway.</summary>
    NotYetValid,

    /// <summary>A group of a VO the issuer is not trusted for, when the issuer refuses rather than drops them.</summary>
    UntrustedGroup,

    /// <summary>The issuer's discovery document or keys could not be fetched and none are cached.</summary>
    IssuerUnreachable,
}

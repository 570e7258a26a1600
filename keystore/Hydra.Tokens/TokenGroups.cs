using Hydra.Grid;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Hydra.Tokens;

/// <summary>
/// Splits a token's <c>wlcg.groups</c> into FQANs of VOs the issuer is trusted for and the rest. Groups are paths
/// <c>/vo/group</c> (WLCG Common JWT Profile §3.3.1), matched by <c>fqan:</c> patterns like VOMS FQANs.
/// </summary>
internal static class TokenGroups
{
    public static (IReadOnlyList<Fqan> Trusted, IReadOnlyList<string> Dropped) Split(JsonWebToken jwt, string claim, TokenIssuerOptions options)
    {
        if (!jwt.TryGetPayloadValue<string[]>(claim, out var texts) || texts is null)
        {
            return ([], []);
        }

        var trusted = new List<Fqan>();
        var dropped = new List<string>();
        foreach (var text in texts)
        {
            if (text is not null && Fqan.TryParse(text, out var fqan) && options.Vos.Contains(fqan.Vo, StringComparer.Ordinal))
            {
                trusted.Add(fqan);
            }
            else
            {
                dropped.Add(text ?? "");
            }
        }

        return (trusted, dropped);
    }
}

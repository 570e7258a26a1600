using System.Diagnostics.CodeAnalysis;
using Hydra.Access;
using Hydra.Bridge.Contract;
using Hydra.Bridge.Options;
using Hydra.Bridge.Storage;
using Hydra.Hosting;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Readers;

/// <summary>
/// Who is calling the reader endpoint, validated like the keystore validates callers; and who may curate. A request
/// with <c>Authorization: Bearer</c> is the token's holder (a client certificate then only secures the channel);
/// without one, the connection's certificate chain is the caller, as before.
/// </summary>
internal sealed class ReaderAuthentication
{
    private readonly CredentialAuthenticator _authenticator;
    private readonly BearerAuthenticator _bearer;
    private readonly IReadOnlyList<Principal> _curators;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ReaderAuthentication(
        CredentialAuthenticator authenticator, BearerAuthenticator bearer, BridgeOptions options, TimeProvider time, ILogger<ReaderAuthentication> logger)
    {
        _authenticator = authenticator;
        _bearer = bearer;
        _curators = [.. options.Curators.Select(Principal.Parse)];
        _time = time;
        _logger = logger;
    }

    /// <summary>The caller of <paramref name="context"/>, or the refusal to answer it with.</summary>
    public async Task<ReaderCheck> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var connection = context.Features.Get<GridConnectionFeature>();
        if (connection is null)
        {
            return Refused(ReaderEndpoints.Problem(StatusCodes.Status401Unauthorized, "The reader endpoint needs grid TLS."));
        }

        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count > 1)
        {
            return Refused(connection, BearerChallenge.MalformedRequest("The request carries more than one Authorization header."));
        }

        if (authorization.Count == 1)
        {
            return await AuthenticateTokenAsync(connection, authorization[0], cancellationToken);
        }

        if (connection.Session.PeerChain.Count == 0)
        {
            // Only reachable where Bridge:Tokens:AllowWithoutClientCertificate let the handshake go without a certificate.
            return Refused(connection, BearerChallenge.Missing("The reader endpoint needs a client certificate or a bearer token (Authorization: Bearer)."));
        }

        try
        {
            var reader = connection.Authenticate(_authenticator, _time.GetUtcNow());
            return new ReaderCheck(new ReaderCaller(reader, ReaderCredential.Chain(connection.Session.PeerChain)), null);
        }
        catch (CredentialRefusedException ex)
        {
            return Refused(connection, ReaderEndpoints.Problem(StatusCodes.Status403Forbidden, ex.Message), ex.Message);
        }
    }

    private async Task<ReaderCheck> AuthenticateTokenAsync(GridConnectionFeature connection, string? header, CancellationToken cancellationToken)
    {
        string? token;
        try
        {
            token = BearerToken.FromHeaderValue(header);
        }
        catch (FormatException ex)
        {
            return Refused(connection, BearerChallenge.MalformedRequest(ex.Message));
        }

        if (token is null)
        {
            return Refused(connection, BearerChallenge.Missing(
                "The Authorization header uses a scheme other than Bearer; the reader endpoint takes bearer tokens and grid certificates."));
        }

        try
        {
            var reader = await _bearer.AuthenticateAsync(token, connection.Peer, cancellationToken);
            return new ReaderCheck(new ReaderCaller(reader, ReaderCredential.Token(token)), null);
        }
        catch (CredentialRefusedException ex)
        {
            var claimed = BearerAuthenticator.Claimed(token, connection.Peer, _time.GetUtcNow());
            BridgeLog.BearerTokenRefused(_logger, claimed.SubjectText, connection.Peer, ex.Message);
            return new ReaderCheck(null, BearerChallenge.RefusedToken(ex.Message));
        }
    }

    private ReaderCheck Refused(GridConnectionFeature connection, BearerChallenge challenge) =>
        Refused(connection, challenge, challenge.Description);

    private ReaderCheck Refused(GridConnectionFeature connection, IResult refusal, string reason)
    {
        BridgeLog.ReaderEndpointRefused(_logger, connection.Peer, reason);
        return new ReaderCheck(null, refusal);
    }

    private static ReaderCheck Refused(IResult refusal) => new(null, refusal);

    public bool IsCurator(CallerIdentity caller) => !caller.IsLimited && _curators.Any(c => c.Matches(caller));

    public void Served(CallerIdentity reader, CatalogEntry entry) => BridgeLog.CiphertextServed(_logger, reader.SubjectText, entry.SopInstanceUid);

    public void Revoked(CallerIdentity curator, RevokeResult result) =>
        BridgeLog.AccessRevoked(_logger, curator.SubjectText, result.Principal, result.StudyInstanceUid, result.Keys);
}

/// <summary>An authenticated reader: who it is, and what the bridge forwards to act for it.</summary>
internal sealed record ReaderCaller(CallerIdentity Identity, ReaderCredential OnBehalfOf);

/// <summary>The outcome of <see cref="ReaderAuthentication.AuthenticateAsync"/>: a reader, or the refusal to send.</summary>
internal readonly record struct ReaderCheck(ReaderCaller? Reader, IResult? Refusal)
{
    [MemberNotNullWhen(true, nameof(Reader))]
    [MemberNotNullWhen(false, nameof(Refusal))]
    public bool Passed => Reader is not null;
}

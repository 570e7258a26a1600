using System.Diagnostics.CodeAnalysis;
using Hydra.Access;
using Hydra.Bridge.Contract;
using Hydra.Bridge.Options;
using Hydra.Bridge.Storage;
using Hydra.Hosting;

namespace Hydra.Bridge.Readers;

/// <summary>Who is calling the reader endpoint, validated like the keystore validates callers; and who may curate.</summary>
internal sealed class ReaderAuthentication
{
    private readonly CredentialAuthenticator _authenticator;
    private readonly IReadOnlyList<Principal> _curators;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ReaderAuthentication(CredentialAuthenticator authenticator, BridgeOptions options, TimeProvider time, ILogger<ReaderAuthentication> logger)
    {
        _authenticator = authenticator;
        _curators = [.. options.Curators.Select(Principal.Parse)];
        _time = time;
        _logger = logger;
    }

    public bool TryAuthenticate(HttpContext context, [NotNullWhen(true)] out CallerIdentity? reader, out IResult refusal)
    {
        reader = null;
        refusal = Results.Empty;
        var connection = context.Features.Get<GridConnectionFeature>();
        if (connection is null)
        {
            refusal = ReaderEndpoints.Problem(StatusCodes.Status401Unauthorized, "The reader endpoint needs grid TLS with a client certificate.");
            return false;
        }

        try
        {
            reader = connection.Authenticate(_authenticator, _time.GetUtcNow());
            return true;
        }
        catch (CredentialRefusedException ex)
        {
            BridgeLog.ReaderEndpointRefused(_logger, connection.Peer, ex.Message);
            refusal = ReaderEndpoints.Problem(StatusCodes.Status403Forbidden, ex.Message);
            return false;
        }
    }

    public bool IsCurator(CallerIdentity caller) => !caller.IsLimited && _curators.Any(c => c.Matches(caller));

    public void Served(CallerIdentity reader, CatalogEntry entry) => BridgeLog.CiphertextServed(_logger, reader.SubjectText, entry.SopInstanceUid);

    public void Revoked(CallerIdentity curator, RevokeResult result) =>
        BridgeLog.AccessRevoked(_logger, curator.SubjectText, result.Principal, result.StudyInstanceUid, result.Keys);
}

using Grpc.Core;
using Hydra.Keystore.Security;
using Hydra.Keystore.Storage;

namespace Hydra.Keystore.Hosting;

/// <summary>
/// Finds who is calling: the identity validated from the connection's TLS chain. A refused credential is audited
/// (under the subject it claims) before the refusal reaches the caller.
/// </summary>
internal sealed class CallerResolver
{
    private readonly CredentialAuthenticator _authenticator;
    private readonly KeystoreStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CallerResolver(CredentialAuthenticator authenticator, KeystoreStore store, TimeProvider time, ILogger<CallerResolver> logger)
    {
        _authenticator = authenticator;
        _store = store;
        _time = time;
        _logger = logger;
    }

    public async Task<CallerIdentity> ResolveAsync(ServerCallContext context, string operation, string keyId)
    {
        var feature = context.GetHttpContext().Features.Get<GridConnectionFeature>()
            ?? throw new KeystoreException(KeystoreError.Unauthenticated, "The connection carries no grid TLS session.");
        var now = _time.GetUtcNow();
        try
        {
            return feature.Authenticate(_authenticator, now);
        }
        catch (KeystoreException refusal)
        {
            var claimed = CredentialAuthenticator.Claimed(feature.Session.PeerChain, feature.Peer, now);
            KeystoreLog.CredentialRefused(_logger, claimed.SubjectText, feature.Peer, refusal.Message);
            var audit = new AuditContext(claimed, operation, AuditText.KeyId(keyId));
            await _store.ExecuteAsync(
                transaction => transaction.Record(audit, Client.Auditing.AuditEntry.Denied, refusal.Message),
                context.CancellationToken);
            throw;
        }
    }
}

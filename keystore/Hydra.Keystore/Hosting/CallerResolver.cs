using Grpc.Core;
using Hydra.Access;
using Hydra.Audit;
using Hydra.Grid;
using Hydra.Hosting;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Security;
using Hydra.Keystore.Storage;

namespace Hydra.Keystore.Hosting;

/// <summary>
/// Finds who is calling: the holder of the call's bearer token, else the identity validated from the connection's TLS
/// chain; or, when a delegate (the bridge) forwards a reader's chain or token, that reader with the delegate recorded
/// beside it; or, when a patient delegate (the bridge's patient portal) names a patient by pseudonym, that patient.
/// A refused credential is audited
/// (under the subject it claims) before the refusal reaches the caller.
/// </summary>
internal sealed class CallerResolver
{
    /// <summary>
    /// What a delegate may do for a reader: fetch shares (and ask who it is taken to be). Everything else (ACLs,
    /// deletion, the audit trail) a delegate does as itself, so a forwarded chain can never reach them.
    /// </summary>
    private static readonly HashSet<string> DelegableOperations = ["GetShare", "GetShares", "GetNodeInfo"];

    /// <summary>
    /// What a patient delegate may do for a patient: what a delegate may do for a reader, and, on one key the patient
    /// may get the share of, read its audit records ("who opened my images") and its ACL, and withdraw access by adding
    /// get-share denies to that ACL (the operations enforce the key and the change).
    /// </summary>
    private static readonly HashSet<string> PatientOperations = ["GetShare", "GetShares", "GetNodeInfo", "QueryAudit", "GetAcl", "SetAcl"];

    private readonly CredentialAuthenticator _authenticator;
    private readonly BearerAuthenticator _bearer;
    private readonly NodeRoles _roles;
    private readonly KeystoreStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CallerResolver(
        CredentialAuthenticator authenticator,
        BearerAuthenticator bearer,
        NodeRoles roles,
        KeystoreStore store,
        TimeProvider time,
        ILogger<CallerResolver> logger)
    {
        _authenticator = authenticator;
        _bearer = bearer;
        _roles = roles;
        _store = store;
        _time = time;
        _logger = logger;
    }

    /// <summary>The caller of a gRPC call: its connection's grid TLS session and its request headers.</summary>
    public Task<CallerIdentity> ResolveAsync(ServerCallContext context, string operation, string keyId) =>
        ResolveAsync(
            context.GetHttpContext().Features.Get<GridConnectionFeature>(), context.RequestHeaders, operation, keyId, context.CancellationToken);

    /// <summary>
    /// The caller on <paramref name="connection"/> (null when the connection carries no grid TLS session): the holder
    /// of the request's bearer token when it carries one, else the client certificate's subject; or the reader a
    /// delegate names in <paramref name="requestHeaders"/>. Refusals are audited before they are thrown.
    /// </summary>
    public async Task<CallerIdentity> ResolveAsync(
        GridConnectionFeature? connection, Metadata requestHeaders, string operation, string keyId, CancellationToken cancellationToken)
    {
        if (connection is null)
        {
            throw new KeystoreException(KeystoreError.Unauthenticated, "The connection carries no grid TLS session.");
        }

        var now = _time.GetUtcNow();
        var token = await ReadAsync(
            () => BearerToken.FromMetadata(requestHeaders),
            () => CredentialAuthenticator.Claimed(connection.Session.PeerChain, connection.Peer, now),
            operation,
            keyId,
            cancellationToken);
        var caller = token is not null
            ? await AuthenticateTokenAsync(token, connection.Peer, delegateSubject: null, operation, keyId, cancellationToken)
            : await AuthenticateChainAsync(connection, operation, keyId, now, cancellationToken);
        return await ResolveDelegationAsync(requestHeaders, caller, operation, keyId, now, cancellationToken);
    }

    private async Task<CallerIdentity> AuthenticateChainAsync(
        GridConnectionFeature connection, string operation, string keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            return connection.Authenticate(_authenticator, now);
        }
        catch (CredentialRefusedException refused)
        {
            var claimed = CredentialAuthenticator.Claimed(connection.Session.PeerChain, connection.Peer, now);
            var message = connection.Session.PeerChain.Count == 0
                ? "The call carries neither a client certificate nor a bearer token (Authorization: Bearer)."
                : refused.Message;
            var refusal = new KeystoreException(KeystoreError.Unauthenticated, message, refused);
            await RefuseAsync(claimed, operation, keyId, refusal, cancellationToken);
            throw refusal;
        }
    }

    private async Task<CallerIdentity> AuthenticateTokenAsync(
        string token, string peer, string? delegateSubject, string operation, string keyId, CancellationToken cancellationToken)
    {
        try
        {
            var caller = await _bearer.AuthenticateAsync(token, peer, cancellationToken);
            return delegateSubject is null ? caller : caller with { Delegate = delegateSubject };
        }
        catch (CredentialRefusedException refused)
        {
            var claimed = BearerAuthenticator.Claimed(token, peer, _time.GetUtcNow()) with { Delegate = delegateSubject };
            var refusal = new KeystoreException(KeystoreError.Unauthenticated, refused.Message, refused);
            await RefuseAsync(claimed, operation, keyId, refusal, cancellationToken);
            throw refusal;
        }
    }

    private async Task<CallerIdentity> ResolveDelegationAsync(
        Metadata requestHeaders, CallerIdentity caller, string operation, string keyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var chain = await ReadAsync(() => Delegation.FromMetadata(requestHeaders), () => caller, operation, keyId, cancellationToken);
        var token = await ReadAsync(() => Delegation.TokenFromMetadata(requestHeaders), () => caller, operation, keyId, cancellationToken);
        var patient = await ReadAsync(() => Delegation.PatientFromMetadata(requestHeaders), () => caller, operation, keyId, cancellationToken);
        if (patient is not null)
        {
            return await ResolvePatientAsync(patient, chain is not null || token is not null, caller, operation, keyId, cancellationToken);
        }

        if (chain is null && token is null)
        {
            return caller;
        }

        if (chain is not null && token is not null)
        {
            var both = new KeystoreException(
                KeystoreError.InvalidArgument, "A delegated call names its reader by a certificate chain or by a token, not both.");
            await RefuseAsync(caller, operation, keyId, both, cancellationToken);
            throw both;
        }

        if (!DelegableOperations.Contains(operation))
        {
            var notDelegable = new KeystoreException(
                KeystoreError.PermissionDenied, $"{operation} cannot be done on behalf of another identity; delegates only fetch shares for readers.");
            await RefuseAsync(caller, operation, keyId, notDelegable, cancellationToken);
            throw notDelegable;
        }

        if (!_roles.IsDelegate(caller))
        {
            var notDelegate = new KeystoreException(
                KeystoreError.PermissionDenied, $"{caller.SubjectText} does not hold the delegate role and may not act for others.");
            await RefuseAsync(caller, operation, keyId, notDelegate, cancellationToken);
            throw notDelegate;
        }

        if (token is not null)
        {
            return await AuthenticateTokenAsync(token, caller.Peer, caller.SubjectText, operation, keyId, cancellationToken);
        }

        try
        {
            return _authenticator.AuthenticateDelegated(chain!, caller, now);
        }
        catch (CredentialRefusedException refused)
        {
            var claimed = CredentialAuthenticator.Claimed(chain!, caller.Peer, now) with { Delegate = caller.SubjectText };
            var refusal = new KeystoreException(KeystoreError.Unauthenticated, refused.Message, refused);
            await RefuseAsync(claimed, operation, keyId, refusal, cancellationToken);
            throw refusal;
        }
    }

    /// <summary>
    /// The patient a patient delegate names: no certificate, no groups, judged by <c>patient:</c> ACL entries alone, with
    /// the delegate recorded beside it. The node cannot check the patient itself; it trusts the delegate's role, and
    /// every release names that delegate.
    /// </summary>
    private async Task<CallerIdentity> ResolvePatientAsync(
        PatientPseudonym patient, bool namesReaderToo, CallerIdentity caller, string operation, string keyId, CancellationToken cancellationToken)
    {
        KeystoreException? refusal = null;
        if (namesReaderToo)
        {
            refusal = new KeystoreException(
                KeystoreError.InvalidArgument, "A delegated call names a patient or a reader (by certificate chain or token), not both.");
        }
        else if (!PatientOperations.Contains(operation))
        {
            refusal = new KeystoreException(
                KeystoreError.PermissionDenied,
                $"{operation} cannot be done on behalf of a patient; patient delegates only fetch shares, read a key's audit records and ACL, and withdraw access for patients.");
        }
        else if (!_roles.IsPatientDelegate(caller))
        {
            refusal = new KeystoreException(
                KeystoreError.PermissionDenied, $"{caller.SubjectText} does not hold the patient-delegate role and may not act for patients.");
        }

        if (refusal is not null)
        {
            await RefuseAsync(caller, operation, keyId, refusal, cancellationToken);
            throw refusal;
        }

        var none = new DistinguishedName([]);
        return new CallerIdentity(none, none, [], ProxyDepth: 0, IsLimited: false, caller.NotAfter, caller.Peer, caller.SubjectText)
        {
            Patient = patient,
        };
    }

    /// <summary>Reads a header with <paramref name="read"/>; a malformed one is audited (under <paramref name="caller"/>) and refused.</summary>
    private async Task<T?> ReadAsync<T>(Func<T?> read, Func<CallerIdentity> caller, string operation, string keyId, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return read();
        }
        catch (FormatException ex)
        {
            var malformed = new KeystoreException(KeystoreError.InvalidArgument, ex.Message);
            await RefuseAsync(caller(), operation, keyId, malformed, cancellationToken);
            throw malformed;
        }
    }

    private async Task RefuseAsync(CallerIdentity claimed, string operation, string keyId, KeystoreException refusal, CancellationToken cancellationToken)
    {
        KeystoreLog.CredentialRefused(_logger, claimed.SubjectText, claimed.Peer, refusal.Message);
        var audit = new AuditContext(claimed, operation, AuditText.KeyId(keyId));
        await _store.ExecuteAsync(
            transaction => transaction.Record(audit, refusal.IsDenial ? AuditEntry.Denied : AuditEntry.Failed, refusal.Message),
            cancellationToken);
    }
}

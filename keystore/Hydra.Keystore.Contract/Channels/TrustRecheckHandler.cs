using Hydra.Grid;
using Org.BouncyCastle.X509;

namespace Hydra.Keystore.Contract.Channels;

/// <summary>
/// Checks a server's certificate again, before the next request, whenever the trust store reloaded since the check
/// made at the handshake: connections are long-lived, so without it a server revoked by a new CRL would be served until
/// the connection happened to close. A refused server fails the request with the reason; a new connection's handshake
/// would refuse it too.
/// </summary>
internal sealed class TrustRecheckHandler : DelegatingHandler
{
    private readonly ClusterNode _server;
    private readonly HostCertificateValidator _validator;
    private readonly Action<string, string>? _refused;
    private readonly Lock _gate = new();
    private IReadOnlyList<X509Certificate>? _chain;
    private long _checkedGeneration;
    private string? _refusal;

    public TrustRecheckHandler(ClusterNode server, HostCertificateValidator validator, Action<string, string>? refused, HttpMessageHandler inner)
        : base(inner)
    {
        _server = server;
        _validator = validator;
        _refused = refused;
    }

    /// <summary>Told by the handshake of the chain it accepted, under the trust generation current then.</summary>
    public void Accepted(IReadOnlyList<X509Certificate> chain, long generation)
    {
        lock (_gate)
        {
            _chain = chain;
            _checkedGeneration = generation;
            _refusal = null;
        }
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var refusal = Recheck();
        if (refusal is null)
        {
            return base.SendAsync(request, cancellationToken);
        }

        var message = $"The certificate of {_server.Id} is no longer trusted: {refusal}";
        throw new HttpRequestException(message, new ServerCertificateRefusedException(_server.Id, refusal, message) { NoLongerTrusted = true });
    }

    private string? Recheck()
    {
        var generation = _validator.TrustGeneration;
        string? refusal;
        lock (_gate)
        {
            if (_chain is null || generation == _checkedGeneration)
            {
                return _refusal;
            }

            refusal = _refusal = _validator.Check(_chain, _server.ExpectedIdentity);
            _checkedGeneration = generation;
        }

        if (refusal is not null)
        {
            _refused?.Invoke(_server.Id, refusal);
        }

        return refusal;
    }
}
